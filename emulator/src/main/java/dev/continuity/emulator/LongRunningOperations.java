package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ARM long-running operations: a mutation that is accepted now (202 with status URLs) and applied to
 * the estate when its (scaled) duration has passed, exactly once, whoever polls or not.
 */
final class LongRunningOperations {
  private static final Logger log = LoggerFactory.getLogger(LongRunningOperations.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  static final int RETRY_AFTER_SECONDS = 1;

  /** Applies a finished operation to the estate; throwing an ArmException makes the operation Failed. */
  interface Completer {
    Result complete(Operation op);
  }

  /** What the Location URL answers once the operation succeeded: 200 with a body, or 204. */
  record Result(int status, ObjectNode body) {
    static Result noContent() {
      return new Result(204, null);
    }

    static Result ok(ObjectNode body) {
      return new Result(200, body);
    }
  }

  /** Which poll headers the 202 carries. */
  enum Headers { ASYNC_OPERATION, LOCATION, BOTH }

  private final Estate estate;
  private final Map<String, Completer> completers = new HashMap<>();

  LongRunningOperations(Estate estate) {
    this.estate = estate;
  }

  void register(String type, Completer completer) {
    completers.put(type, completer);
  }

  /** A spec of a started operation; see {@link #start}. */
  record Start(String type, String resourceId, String location, ObjectNode params, double realisticSeconds,
      Headers headers, int acceptedStatus, JsonNode acceptedBody) {}

  ArmResponse start(ArmRequest req, ResourcePath path, Start s) {
    Operation other = inProgress(s.resourceId());
    if (other != null) {
      throw ArmException.conflict("AnotherOperationInProgress",
          "Operation '" + other.type + "' (" + other.id + ") is in progress on '" + s.resourceId()
              + "'; retry after it completes.");
    }
    Operation op = new Operation();
    op.id = UUID.randomUUID().toString();
    op.type = s.type();
    op.resourceId = s.resourceId();
    op.namespace = path.namespace;
    op.location = Regions.normalize(s.location() == null ? "global" : s.location());
    op.params = s.params() == null ? JSON.objectNode() : s.params();
    op.startTime = estate.now();
    long ms = Math.round(s.realisticSeconds() * 1000 * estate.state().timeScale);
    op.dueTime = op.startTime.plusMillis(Math.max(0, ms));
    op.asyncToken = UUID.randomUUID().toString();
    op.locationToken = UUID.randomUUID().toString();
    estate.state().operations.put(op.id, op);
    estate.state().pollTokens.put(op.asyncToken, new String[] {op.id, "async"});
    estate.state().pollTokens.put(op.locationToken, new String[] {op.id, "location"});
    log.info("operation {} {} on {} accepted, completes in {} ms", op.id, op.type, op.resourceId, ms);

    ArmResponse r = ArmResponse.of(s.acceptedStatus(), s.acceptedBody());
    if (s.headers() != Headers.LOCATION) r.header("Azure-AsyncOperation", asyncUrl(req, path, op));
    if (s.headers() != Headers.ASYNC_OPERATION) r.header("Location", locationUrl(req, path, op));
    r.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    return r;
  }

  private String base(ArmRequest req, ResourcePath path, Operation op) {
    return req.baseUrl() + "/subscriptions/" + path.subscription + "/providers/" + path.namespace + "/locations/"
        + op.location + "/";
  }

  private String asyncUrl(ArmRequest req, ResourcePath path, Operation op) {
    String seg = switch (path.namespace.toLowerCase(Locale.ROOT)) {
      case "microsoft.documentdb" -> "operationsStatus";
      case "microsoft.cdn" -> "operationStatuses";
      case "microsoft.dbforpostgresql", "microsoft.dbformysql" -> "azureAsyncOperation";
      default -> "asyncOperations";
    };
    return base(req, path, op) + seg + "/" + op.asyncToken + "?api-version=" + req.apiVersion();
  }

  private String locationUrl(ArmRequest req, ResourcePath path, Operation op) {
    String seg = switch (path.namespace.toLowerCase(Locale.ROOT)) {
      case "microsoft.sql" -> "failoverGroupOperationResults";
      default -> "operationResults";
    };
    return base(req, path, op) + seg + "/" + op.locationToken + "?api-version=" + req.apiVersion();
  }

  /** The operation in progress on a resource, or null. */
  Operation inProgress(String resourceId) {
    for (Operation op : estate.state().operations.values()) {
      if (op.status.equals("InProgress") && op.resourceId.equalsIgnoreCase(resourceId)) return op;
    }
    return null;
  }

  boolean isPollToken(String token) {
    return estate.state().pollTokens.containsKey(token);
  }

  /** Completes every operation whose time has come. */
  void tick() {
    Instant now = estate.now();
    boolean changed = false;
    for (Operation op : estate.state().operations.values()) {
      if (op.status.equals("InProgress") && !op.dueTime.isAfter(now)) {
        complete(op);
        changed = true;
      }
    }
    if (changed) estate.persist();
  }

  private void complete(Operation op) {
    Completer c = completers.get(op.type);
    try {
      if (c == null) throw new ArmException(500, "InternalServerError", "No completer for operation type " + op.type);
      Result r = c.complete(op);
      op.resultStatus = r.status();
      op.result = r.body();
      op.status = "Succeeded";
    } catch (ArmException e) {
      op.status = "Failed";
      op.resultStatus = e.status;
      op.error = ArmRouter.errorBody(e.code, e.getMessage());
      log.info("operation {} {} failed: {}", op.id, op.type, e.getMessage());
    }
    op.endTime = estate.now();
  }

  ArmResponse poll(ArmRequest req, String token) {
    String[] t = estate.state().pollTokens.get(token);
    Operation op = estate.state().operations.get(t[0]);
    boolean running = op.status.equals("InProgress");
    if (t[1].equals("async")) {
      ObjectNode b = JSON.objectNode();
      b.put("id", req.path());
      b.put("name", op.id);
      b.put("status", op.status);
      b.put("startTime", op.startTime.toString());
      if (op.endTime != null) b.put("endTime", op.endTime.toString()); else b.putNull("endTime");
      b.put("percentComplete", percent(op));
      b.putNull("properties");
      if (op.error != null) b.set("error", op.error.get("error")); else b.putNull("error");
      ArmResponse r = ArmResponse.ok(b);
      if (running) r.header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
      return r;
    }
    if (running) {
      return ArmResponse.of(202, null)
          .header("Location", req.baseUrl() + req.path() + "?api-version=" + req.apiVersion())
          .header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
    }
    if (op.status.equals("Failed")) return ArmResponse.of(op.resultStatus, op.error);
    return ArmResponse.of(op.resultStatus, op.result);
  }

  private double percent(Operation op) {
    if (!op.status.equals("InProgress")) return 100;
    long total = Duration.between(op.startTime, op.dueTime).toMillis();
    if (total <= 0) return 99;
    long done = Duration.between(op.startTime, estate.now()).toMillis();
    return Math.min(99, Math.max(0, Math.floor(done * 100.0 / total)));
  }
}
