package dev.continuity.starter;

import dev.continuity.workflows.ContinuityNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the search attributes the workflows keep current (so "awaiting approval" can be found
 * in the Web UI's list). Safe to run at every worker start: existing attributes are left alone.
 */
public final class SearchAttributeSetup {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeSetup.class);

  /** The attributes and their types; the workflows upsert exactly these. */
  public static final Map<String, IndexedValueType> ATTRIBUTES = attributes();

  /** What happened to each attribute. */
  public record Result(List<String> added, List<String> existing, List<String> failed, String failure) {
    public boolean complete() {
      return failed.isEmpty();
    }
  }

  private SearchAttributeSetup() {}

  /**
   * Adds each missing attribute, one request per attribute so that one already present does not
   * make the others fail. Never throws for a refusal by the server (Temporal Cloud, for one,
   * registers attributes through its own control plane): the result says what is missing.
   */
  public static Result ensure(OperatorServiceStubs operator, String namespace) {
    List<String> added = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    String failure = null;
    for (Map.Entry<String, IndexedValueType> a : ATTRIBUTES.entrySet()) {
      try {
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
            .setNamespace(namespace)
            .putSearchAttributes(a.getKey(), a.getValue())
            .build());
        added.add(a.getKey());
      } catch (StatusRuntimeException e) {
        if (alreadyThere(e)) {
          existing.add(a.getKey());
        } else {
          failed.add(a.getKey());
          failure = e.getStatus().getCode() + ": " + e.getStatus().getDescription();
        }
      }
    }
    if (!added.isEmpty()) log.info("registered search attributes {} in namespace {}", added, namespace);
    if (!failed.isEmpty()) {
      log.warn("could not register search attributes {} in namespace {} ({}); register them as {}",
          failed, namespace, failure, describe(failed));
    }
    return new Result(List.copyOf(added), List.copyOf(existing), List.copyOf(failed), failure);
  }

  /** "DrStamp (Keyword), DrAwaitingApproval (Bool)": what an operator must register by hand. */
  public static String describe(List<String> names) {
    List<String> parts = new ArrayList<>();
    for (String n : names) {
      String type = ATTRIBUTES.get(n).name().replace("INDEXED_VALUE_TYPE_", "").toLowerCase(Locale.ROOT);
      parts.add(n + " (" + Character.toUpperCase(type.charAt(0)) + type.substring(1) + ")");
    }
    return String.join(", ", parts);
  }

  private static boolean alreadyThere(StatusRuntimeException e) {
    if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) return true;
    String d = e.getStatus().getDescription();
    return d != null && d.toLowerCase(Locale.ROOT).contains("already");
  }

  private static Map<String, IndexedValueType> attributes() {
    Map<String, IndexedValueType> m = new LinkedHashMap<>();
    m.put(ContinuityNames.SA_STAMP, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    m.put(ContinuityNames.SA_OPERATION, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    m.put(ContinuityNames.SA_PHASE, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    m.put(ContinuityNames.SA_AWAITING_APPROVAL, IndexedValueType.INDEXED_VALUE_TYPE_BOOL);
    return java.util.Collections.unmodifiableMap(m);
  }
}
