package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;

/**
 * Application Gateways (Microsoft.Network/applicationGateways: GET, POST start/stop answered 202 +
 * Location) and their WAF policies (Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies: GET).
 */
final class ApplicationGatewayService implements ArmService {
  /** Azure's docs: starting a v2 gateway takes several minutes, stopping a few. */
  static final double START_SECONDS = 420;
  static final double STOP_SECONDS = 240;
  private final Estate estate;

  ApplicationGatewayService(Estate estate) {
    this.estate = estate;
    estate.operations.register("appGateway.power", op -> {
      ObjectNode gw = estate.get(op.resourceId);
      String before = state(gw);
      String target = op.params.path("state").asText();
      Docs.props(gw).put("operationalState", target);
      estate.journal.record(op.resourceId, target.equals("Running") ? "appGateway.start" : "appGateway.stop",
          "operationalState=" + before, "operationalState=" + target, op.id, null);
      return Result.ok(gw.deepCopy());
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.network/applicationgateways", "microsoft.network/applicationgatewaywebapplicationfirewallpolicies");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.depth() != 1) throw ArmService.unknownAction(req, path);
    String id = path.id(1);
    ObjectNode doc = estate.get(id);
    ResourceFacts f = estate.facts(id);
    String region = f != null && f.region != null ? f.region : Regions.normalize(doc.path("location").asText());
    estate.requireRegionUp(region, id);
    if (path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(doc.deepCopy());
      throw ArmService.methodNotAllowed(req);
    }
    if (!req.is("POST") || !path.type(0).equals("applicationgateways")) throw ArmService.methodNotAllowed(req);
    String target = switch (path.action.toLowerCase()) {
      case "start" -> "Running";
      case "stop" -> "Stopped";
      default -> throw ArmService.unknownAction(req, path);
    };
    if (target.equals(state(doc)) && estate.operations.inProgress(id) == null) return ArmResponse.of(200, null);
    ArmResponse r = estate.operations.start(req, path, new Start("appGateway.power", id, region,
        Docs.JSON.objectNode().put("state", target), target.equals("Running") ? START_SECONDS : STOP_SECONDS, Headers.LOCATION, 202, null));
    Docs.props(doc).put("operationalState", target.equals("Running") ? "Starting" : "Stopping");
    return r;
  }

  static String state(ObjectNode gw) {
    return gw.path("properties").path("operationalState").asText("Running");
  }
}
