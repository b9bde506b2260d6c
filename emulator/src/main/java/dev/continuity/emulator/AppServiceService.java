package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;

/**
 * App Service web apps (Microsoft.Web/sites): start/stop (synchronous 200), slot swap (202 +
 * Location), app settings (POST .../config/appsettings/list, PUT .../config/appsettings). A swap
 * exchanges the production and slot app settings, which is what the emulator can show of a swap.
 */
final class AppServiceService implements ArmService {
  /** Azure's docs: a swap warms the slot up first; about a minute for a small app. */
  static final double SWAP_SECONDS = 60;
  private final Estate estate;

  AppServiceService(Estate estate) {
    this.estate = estate;
    estate.operations.register("appService.swapSlot", op -> {
      String siteId = op.resourceId;
      String slot = op.params.path("slot").asText();
      ObjectNode prod = settings(siteId);
      ObjectNode staged = settings(siteId + "/slots/" + slot);
      String before = "production=" + prod.path("properties") + " " + slot + "=" + staged.path("properties");
      JsonNode tmp = prod.get("properties");
      prod.set("properties", staged.get("properties"));
      staged.set("properties", tmp);
      estate.journal.record(siteId, "appService.swapSlot", before,
          "production=" + prod.path("properties") + " " + slot + "=" + staged.path("properties"), op.id, null);
      return Result.ok(null);
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.web/sites");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    ObjectNode site = estate.get(path.id(1));
    String id = site.path("id").asText();
    ResourceFacts f = estate.facts(id);
    String region = f != null && f.region != null ? f.region : Regions.normalize(site.path("location").asText());
    estate.requireRegionUp(region, id);
    if (path.depth() == 1 && path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(site.deepCopy());
      throw ArmService.methodNotAllowed(req);
    }
    if (path.depth() == 1) {
      if (!req.is("POST")) throw ArmService.methodNotAllowed(req);
      switch (path.action.toLowerCase()) {
        case "start", "stop" -> {
          String state = path.action.equalsIgnoreCase("start") ? "Running" : "Stopped";
          String before = Docs.props(site).path("state").asText();
          Docs.props(site).put("state", state);
          estate.journal.record(id, "appService." + path.action.toLowerCase(), "state=" + before, "state=" + state, null, null);
          estate.persist();
          return ArmResponse.ok(null);
        }
        case "slotsswap" -> {
          String slot = Docs.text(req.objectBody(), "targetSlot");
          if (slot == null) throw ArmException.badRequest("BadRequest", "targetSlot is required.");
          if (estate.find(id + "/slots/" + slot) == null) throw ArmException.notFound(id + "/slots/" + slot);
          return estate.operations.start(req, path, new Start("appService.swapSlot", id, region,
              Docs.JSON.objectNode().put("slot", slot), SWAP_SECONDS, Headers.LOCATION, 202, null));
        }
        default -> throw ArmService.unknownAction(req, path);
      }
    }
    if ("config".equals(path.type(1)) && "appsettings".equalsIgnoreCase(path.name(1)) && path.depth() == 2) {
      ObjectNode s = settings(id);
      if ("list".equalsIgnoreCase(path.action) && req.is("POST")) return ArmResponse.ok(s.deepCopy());
      if (path.action == null && req.is("PUT")) {
        JsonNode props = req.objectBody().get("properties");
        if (props == null || !props.isObject()) throw ArmException.badRequest("BadRequest", "properties (name -> value) is required.");
        String before = s.path("properties").toString();
        s.set("properties", props.deepCopy());
        estate.journal.record(s.path("id").asText(), "appService.setAppSettings", before, s.path("properties").toString(), null, null);
        estate.persist();
        return ArmResponse.ok(s.deepCopy());
      }
      throw ArmService.methodNotAllowed(req);
    }
    if ("slots".equals(path.type(1)) && path.depth() == 2 && path.action == null && req.is("GET")) {
      return ArmResponse.ok(estate.get(path.id(2)).deepCopy());
    }
    throw ArmService.unknownAction(req, path);
  }

  /** The app settings resource of a site or slot, created empty when first needed. */
  private ObjectNode settings(String siteOrSlotId) {
    String sid = siteOrSlotId + "/config/appsettings";
    ObjectNode s = estate.find(sid);
    if (s == null) {
      s = Docs.JSON.objectNode();
      s.put("id", sid);
      s.put("name", "appsettings");
      s.put("type", siteOrSlotId.contains("/slots/") ? "Microsoft.Web/sites/slots/config" : "Microsoft.Web/sites/config");
      ObjectNode site = estate.find(siteOrSlotId);
      if (site != null) s.put("location", site.path("location").asText());
      s.putObject("properties");
      estate.put(s);
    }
    return s;
  }
}
