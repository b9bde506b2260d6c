package dev.continuity.starter.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.estate.Severity;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an Azure Monitor action-group webhook in the Common Alert Schema (metric, log search,
 * activity log, resource health and service health alerts alike): the essentials decide; the
 * alert context only adds the impacted regions of a service-health alert.
 */
public final class CommonAlertParser {
  public static final String SCHEMA_ID = "azureMonitorCommonAlertSchema";

  private CommonAlertParser() {}

  public static AlertSignal parse(String body) throws BadAlertException {
    JsonNode root = StrictJson.read(body);
    if (!root.isObject()) throw new BadAlertException("the body must be a Common Alert Schema object, not " + StrictJson.kind(root));
    String schema = StrictJson.text(root, "schemaId", "$");
    if (!SCHEMA_ID.equals(schema)) {
      throw new BadAlertException("$.schemaId is '" + clip(schema) + "'; this endpoint takes '" + SCHEMA_ID
          + "' (enable the common alert schema on the action group)");
    }
    JsonNode data = StrictJson.object(root, "data", "$");
    JsonNode e = StrictJson.object(data, "essentials", "$.data");
    String where = "$.data.essentials";
    String alertId = StrictJson.text(e, "alertId", where);
    if (alertId.isBlank()) throw new BadAlertException(where + ".alertId is empty");
    String conditionText = StrictJson.text(e, "monitorCondition", where);
    AlertSignal.Condition condition = switch (conditionText) {
      case "Fired" -> AlertSignal.Condition.FIRED;
      case "Resolved" -> AlertSignal.Condition.RESOLVED;
      default -> throw new BadAlertException(where + ".monitorCondition must be Fired or Resolved, not '" + clip(conditionText) + "'");
    };
    String severityText = StrictJson.text(e, "severity", where);
    Severity severity = Severity.parse(severityText);
    if (severity == null) throw new BadAlertException(where + ".severity must be Sev0..Sev4, not '" + clip(severityText) + "'");

    Set<String> targets = new LinkedHashSet<>(strings(e, "alertTargetIDs", where));
    for (String item : strings(e, "configurationItems", where)) {
      // Configuration items are names for most alerts, ARM ids for some (log search alerts on resources).
      if (item.regionMatches(true, 0, "/subscriptions/", 0, 15)) targets.add(item);
    }
    String service = StrictJson.optionalText(e, "monitoringService", where);
    String signalType = StrictJson.optionalText(e, "signalType", where);
    String rule = StrictJson.optionalText(e, "alertRule", where);
    String description = StrictJson.optionalText(e, "description", where);
    long fired = time(StrictJson.optionalText(e, "firedDateTime", where), where + ".firedDateTime");

    List<String> regions = "ServiceHealth".equalsIgnoreCase(service) ? impactedRegions(data.path("alertContext")) : List.of();
    String type = (service == null ? "alert" : service) + (signalType == null ? "" : "/" + signalType);
    String text = (rule == null ? "" : rule) + (description == null || description.isBlank() ? "" : ": " + description);
    return new AlertSignal(alertId + "#" + conditionText, alertId, "monitor", type, condition, severity,
        List.copyOf(targets), regions, text, fired);
  }

  /** The regions of a service-health alert: properties.impactedServices is JSON inside a string. */
  private static List<String> impactedRegions(JsonNode context) throws BadAlertException {
    JsonNode props = context.path("properties");
    Set<String> regions = new LinkedHashSet<>();
    JsonNode impacted = props.get("impactedServices");
    if (impacted != null && impacted.isTextual() && !impacted.asText().isBlank()) {
      JsonNode services;
      try {
        services = StrictJson.read(impacted.asText());
      } catch (BadAlertException ex) {
        throw new BadAlertException("$.data.alertContext.properties.impactedServices: " + ex.getMessage());
      }
      for (JsonNode s : services) {
        for (JsonNode r : s.path("ImpactedRegions")) {
          String name = r.path("RegionName").asText("");
          if (!name.isBlank()) regions.add(AlertSignal.region(name));
        }
      }
    }
    JsonNode region = props.get("region");
    if (regions.isEmpty() && region != null && region.isTextual()) {
      for (String r : region.asText().split(",")) if (!r.isBlank()) regions.add(AlertSignal.region(r.trim()));
    }
    return List.copyOf(regions);
  }

  private static List<String> strings(JsonNode parent, String field, String where) throws BadAlertException {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) return List.of();
    if (!n.isArray()) throw new BadAlertException(where + "." + field + " must be an array of strings, not " + StrictJson.kind(n));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      JsonNode v = n.get(i);
      if (!v.isTextual()) throw new BadAlertException(where + "." + field + "[" + i + "] must be a string, not " + StrictJson.kind(v));
      out.add(v.asText());
    }
    return out;
  }

  static long time(String text, String where) throws BadAlertException {
    if (text == null || text.isBlank()) return System.currentTimeMillis();
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException ex) {
      throw new BadAlertException(where + " is not an ISO-8601 time: '" + clip(text) + "'");
    }
  }

  static String clip(String s) {
    if (s == null) return "";
    String t = s.replaceAll("[\\p{Cntrl}]", "?");
    return t.length() > 80 ? t.substring(0, 80) + "..." : t;
  }
}
