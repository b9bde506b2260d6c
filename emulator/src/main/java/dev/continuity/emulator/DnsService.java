package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Azure DNS record sets (Microsoft.Network/dnsZones/{type}/{name}): synchronous PUT/PATCH with etags. */
final class DnsService implements ArmService {
  private final Estate estate;

  DnsService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.network/dnszones");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.action != null || path.depth() > 2) throw ArmService.unknownAction(req, path);
    String zoneId = path.id(1);
    ObjectNode zone = estate.get(zoneId);
    if (path.depth() == 1) {
      if (req.is("GET")) return ArmResponse.ok(zone.deepCopy());
      throw ArmService.methodNotAllowed(req);
    }
    String type = path.name(1) == null ? null : path.type(1).toUpperCase(Locale.ROOT);
    String id = zoneId + "/" + type + "/" + path.name(1);
    ObjectNode record = estate.find(id);
    if (req.is("GET")) {
      if (record == null) throw ArmException.notFound(id);
      return ArmResponse.ok(record.deepCopy());
    }
    if (req.is("PATCH")) {
      if (record == null) throw ArmException.notFound(id);
      String before = summary(record);
      Docs.merge(Docs.props(record), req.objectBody().get("properties"));
      validate(record);
      record.put("etag", UUID.randomUUID().toString());
      estate.journal.record(record.path("id").asText(), "dns.updateRecordSet", before, summary(record), null, null);
      estate.persist();
      return ArmResponse.ok(record.deepCopy());
    }
    if (req.is("PUT")) {
      String ifNoneMatch = req.header("If-None-Match");
      boolean created = record == null;
      if (!created && "*".equals(ifNoneMatch)) {
        throw new ArmException(412, "PreconditionFailed", "The record set '" + id + "' already exists.");
      }
      String before = created ? "absent" : summary(record);
      ObjectNode fresh = newRecord(zone, type, path.name(1));
      Docs.merge(Docs.props(fresh), req.objectBody().get("properties"));
      validate(fresh);
      estate.put(fresh);
      estate.journal.record(fresh.path("id").asText(), created ? "dns.createRecordSet" : "dns.updateRecordSet", before,
          summary(fresh), null, null);
      estate.persist();
      return ArmResponse.of(created ? 201 : 200, fresh.deepCopy());
    }
    throw ArmService.methodNotAllowed(req);
  }

  static ObjectNode newRecord(ObjectNode zone, String type, String name) {
    ObjectNode r = Docs.template(type.equals("A") ? "dnsA" : "dnsCname");
    String zoneId = zone.path("id").asText();
    r.put("id", zoneId + "/" + type + "/" + name);
    r.put("name", name);
    r.put("type", "Microsoft.Network/dnszones/" + type);
    r.put("etag", UUID.randomUUID().toString());
    ObjectNode p = r.putObject("properties");
    p.putObject("metadata");
    p.put("TTL", 3600);
    p.put("fqdn", name + "." + zone.path("name").asText() + ".");
    return r;
  }

  private static void validate(ObjectNode record) {
    JsonNode p = record.path("properties");
    if (p.has("TTL") && (!p.get("TTL").canConvertToLong() || p.get("TTL").asLong() < 0)) {
      throw ArmException.badRequest("BadRequest", "TTL must be a non-negative number of seconds.");
    }
    String type = record.path("type").asText();
    if (type.endsWith("/CNAME") && p.has("ARecords")) throw ArmException.badRequest("BadRequest", "A CNAME record set cannot hold A records.");
  }

  static String summary(ObjectNode record) {
    JsonNode p = record.path("properties");
    String target = p.has("CNAMERecord") ? p.path("CNAMERecord").path("cname").asText()
        : p.has("ARecords") ? p.path("ARecords").findValuesAsText("ipv4Address").toString() : "-";
    return "target=" + target + " ttl=" + p.path("TTL").asText("-");
  }
}
