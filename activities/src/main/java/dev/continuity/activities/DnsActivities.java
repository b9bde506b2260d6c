package dev.continuity.activities;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.resourcemanager.dns.fluent.RecordSetsClient;
import com.azure.resourcemanager.dns.fluent.models.RecordSetInner;
import com.azure.resourcemanager.dns.models.ARecord;
import com.azure.resourcemanager.dns.models.CnameRecord;
import com.azure.resourcemanager.dns.models.RecordType;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DnsActions;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Azure DNS record sets: where a CNAME or A record points, and its TTL. */
public final class DnsActivities implements DnsActions {
  static final String ROLE = "DNS Zone Contributor on the zone";
  private static final long DEFAULT_TTL = 300;

  private final AzureClients clients;

  public DnsActivities(AzureClients clients) {
    this.clients = clients;
  }

  @Override
  public ActionResult setRecordTarget(ActionRequest request) {
    ArmId zone = ArmId.of(request);
    String typeName = Params.string(request, "recordType").toUpperCase(Locale.ROOT);
    if (!typeName.equals("CNAME") && !typeName.equals("A")) {
      throw Params.bad(request, "recordType", "must be CNAME or A, got '" + typeName + "'");
    }
    RecordType type = RecordType.fromString(typeName);
    String record = Params.string(request, "record");
    String target = Params.string(request, "target");
    if (type == RecordType.A && !target.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw Params.bad(request, "target", "must be an IPv4 address for an A record, got '" + target + "'");
    }
    Integer ttlParam = Params.optionalInteger(request, "ttl", 0, 2_147_483_647);
    String where = zone + "/" + typeName + "/" + record;
    RecordSetsClient sets = clients.dns(zone.subscription()).serviceClient().getRecordSets();

    RecordSetInner current = find(sets, zone, record, type, where);
    long ttl = ttlParam != null ? ttlParam : current != null && current.ttl() != null ? current.ttl() : DEFAULT_TTL;
    if (current != null && pointsAt(current, type, target) && Objects.equals(current.ttl(), ttl)) {
      return ActionResult.unchanged(typeName + " " + record + " already points at " + target + " (TTL " + ttl + ")");
    }
    RecordSetInner desired = new RecordSetInner().withTtl(ttl);
    if (type == RecordType.CNAME) desired.withCnameRecord(new CnameRecord().withCname(target));
    else desired.withARecords(List.of(new ARecord().withIpv4Address(target)));
    if (current == null) {
      AzureCall.run(where, ROLE, () -> sets.createOrUpdateWithResponse(zone.resourceGroup(), zone.name(), record, type,
          desired, null, null, Context.NONE));
    } else {
      // If-Match on the observed etag: a concurrent edit makes this fail (412) rather than be overwritten.
      AzureCall.run(where, ROLE, () -> sets.updateWithResponse(zone.resourceGroup(), zone.name(), record, type,
          desired, current.etag(), Context.NONE));
    }
    RecordSetInner after = find(sets, zone, record, type, where);
    if (after == null || !pointsAt(after, type, target) || !Objects.equals(after.ttl(), ttl)) {
      throw AzureCall.notConverged(typeName + " " + record + " does not point at " + target + " after the update");
    }
    String before = current == null ? "(absent)" : describe(current, type);
    return ActionResult.changed(typeName + " " + record + " " + before + " -> " + target + " (TTL " + ttl + ")");
  }

  private static RecordSetInner find(RecordSetsClient sets, ArmId zone, String record, RecordType type, String where) {
    try {
      return sets.getWithResponse(zone.resourceGroup(), zone.name(), record, type, Context.NONE).getValue();
    } catch (ManagementException e) {
      if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) return null;
      throw ArmFailures.translate(e, where, ROLE);
    } catch (RuntimeException e) {
      throw ArmFailures.translate(e, where, ROLE);
    }
  }

  private static boolean pointsAt(RecordSetInner set, RecordType type, String target) {
    if (type == RecordType.CNAME) {
      return set.cnameRecord() != null && host(set.cnameRecord().cname()).equals(host(target));
    }
    return set.aRecords() != null && set.aRecords().size() == 1 && target.equals(set.aRecords().get(0).ipv4Address());
  }

  private static String describe(RecordSetInner set, RecordType type) {
    if (type == RecordType.CNAME) return set.cnameRecord() == null ? "(no target)" : set.cnameRecord().cname();
    return set.aRecords() == null ? "(no target)" : set.aRecords().stream().map(ARecord::ipv4Address).toList().toString();
  }

  /** DNS names compare without case and without the trailing root dot. */
  private static String host(String name) {
    if (name == null) return "";
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }
}
