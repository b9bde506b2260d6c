package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Azure Monitor metric alert rules (Microsoft.Insights/metricAlerts): GET, PATCH and PUT, synchronous. */
final class MonitorService implements ArmService {
  private final Estate estate;

  MonitorService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.insights/metricalerts");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.action != null || path.depth() != 1) throw ArmService.unknownAction(req, path);
    ObjectNode rule = estate.get(path.id(1));
    if (req.is("GET")) return ArmResponse.ok(rule.deepCopy());
    if (req.is("PATCH") || req.is("PUT")) {
      String before = summary(rule);
      ObjectNode body = req.objectBody();
      if (body.path("properties").has("enabled") && !body.path("properties").get("enabled").isBoolean()) {
        throw ArmException.badRequest("BadRequest", "properties.enabled must be true or false.");
      }
      Docs.merge(Docs.props(rule), body.get("properties"));
      if (body.has("tags")) rule.set("tags", body.get("tags").deepCopy());
      estate.journal.record(rule.path("id").asText(), "monitor.updateAlertRule", before, summary(rule), null, null);
      estate.persist();
      return ArmResponse.ok(rule.deepCopy());
    }
    throw ArmService.methodNotAllowed(req);
  }

  static String summary(ObjectNode rule) {
    return "enabled=" + rule.path("properties").path("enabled").asText("-");
  }
}
