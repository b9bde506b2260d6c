package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;

/**
 * Front Door Standard/Premium (Microsoft.Cdn/profiles): origin groups and origins. An origin PATCH is
 * a long-running operation (202 + Azure-AsyncOperation + Location) because Front Door deploys the
 * change to its edge; the origin keeps its old settings until the deployment completes.
 */
final class FrontDoorService implements ArmService {
  /** Front Door configuration propagation, from Azure's docs: changes reach the edge within minutes. */
  static final double PATCH_SECONDS = 60;
  private final Estate estate;

  FrontDoorService(Estate estate) {
    this.estate = estate;
    estate.operations.register("frontDoor.updateOrigin", op -> {
      ObjectNode origin = estate.get(op.resourceId);
      String before = summary(origin);
      ObjectNode p = Docs.props(origin);
      Docs.merge(p, op.params.get("properties"));
      p.put("provisioningState", "Succeeded");
      p.put("deploymentStatus", "Succeeded");
      estate.journal.record(op.resourceId, "frontDoor.updateOrigin", before, summary(origin), op.id, null);
      return Result.ok(origin.deepCopy());
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.cdn/profiles");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    estate.get(path.id(1));
    if (!req.is("GET") && !(req.is("PATCH") && path.depth() == 3)) throw ArmService.methodNotAllowed(req);
    if (path.action != null) {
      // list of a child collection: .../originGroups or .../originGroups/{g}/origins
      ArrayNode value = Docs.JSON.arrayNode();
      for (ObjectNode c : estate.children(path.id(path.depth()), path.action)) value.add(c.deepCopy());
      ObjectNode b = Docs.JSON.objectNode();
      b.set("value", value);
      return ArmResponse.ok(b);
    }
    String id = path.id(path.depth());
    ObjectNode doc = estate.get(id);
    if (req.is("GET")) return ArmResponse.ok(doc.deepCopy());
    if (!"origins".equals(path.type(2))) throw ArmService.methodNotAllowed(req);
    ObjectNode body = req.objectBody();
    JsonNode prio = body.path("properties").get("priority");
    if (prio != null && !prio.isNull() && (prio.asInt() < 1 || prio.asInt() > 5)) {
      throw ArmException.badRequest("BadRequest", "Origin priority must be between 1 and 5.");
    }
    String enabled = Docs.text(body.path("properties"), "enabledState");
    if (enabled != null && !enabled.equals("Enabled") && !enabled.equals("Disabled")) {
      throw ArmException.badRequest("BadRequest", "enabledState must be Enabled or Disabled.");
    }
    ObjectNode accepted = doc.deepCopy();
    Docs.props(accepted).put("provisioningState", "Updating");
    Docs.props(accepted).put("deploymentStatus", "InProgress");
    ObjectNode params = Docs.JSON.objectNode();
    params.set("properties", body.path("properties").deepCopy());
    return estate.operations.start(req, path, new Start("frontDoor.updateOrigin", doc.path("id").asText(), "global",
        params, PATCH_SECONDS, Headers.BOTH, 202, accepted));
  }

  static String summary(ObjectNode origin) {
    JsonNode p = origin.path("properties");
    return "priority=" + p.path("priority").asText("-") + " weight=" + p.path("weight").asText("-") + " enabledState="
        + p.path("enabledState").asText("-");
  }
}
