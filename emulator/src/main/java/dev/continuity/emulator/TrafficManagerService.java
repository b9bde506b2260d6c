package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Traffic Manager profiles and endpoints (Microsoft.Network/trafficmanagerprofiles). Global: a region
 * outage does not stop its control plane, it only turns the endpoints there "Degraded".
 * Endpoint updates are synchronous (200), as in Azure.
 */
final class TrafficManagerService implements ArmService {
  static final List<String> ENDPOINT_TYPES = List.of("azureEndpoints", "externalEndpoints", "nestedEndpoints");
  private final Estate estate;

  TrafficManagerService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.network/trafficmanagerprofiles");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (path.action != null) throw ArmService.unknownAction(req, path);
    String profileId = path.id(1);
    ObjectNode profile = estate.get(profileId);
    if (path.depth() == 1) {
      if (req.is("GET")) return ArmResponse.ok(renderProfile(profile));
      if (req.is("PATCH") || req.is("PUT")) return updateProfile(req, profile);
      throw ArmService.methodNotAllowed(req);
    }
    if (path.depth() != 2) throw ArmService.unknownAction(req, path);
    String endpointId = path.id(2);
    ObjectNode endpoint = estate.find(endpointId);
    if (req.is("GET")) {
      if (endpoint == null) throw ArmException.notFound(endpointId);
      return ArmResponse.ok(render(endpoint));
    }
    if (req.is("PATCH")) {
      if (endpoint == null) throw ArmException.notFound(endpointId);
      applyEndpoint(profile, endpoint, req.objectBody().get("properties"), false);
      estate.persist();
      return ArmResponse.ok(render(endpoint));
    }
    if (req.is("PUT")) {
      boolean created = endpoint == null;
      if (created) endpoint = newEndpoint(profileId, path.type(1), path.name(1));
      applyEndpoint(profile, endpoint, req.objectBody().get("properties"), true);
      estate.persist();
      return ArmResponse.of(created ? 201 : 200, render(endpoint));
    }
    throw ArmService.methodNotAllowed(req);
  }

  private ObjectNode newEndpoint(String profileId, String type, String name) {
    String canonicalType = ENDPOINT_TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst()
        .orElseThrow(() -> ArmException.badRequest("BadRequest", "Unknown endpoint type '" + type + "'."));
    ObjectNode e = Docs.template("trafficManagerEndpoint");
    e.put("id", profileId + "/" + canonicalType + "/" + name);
    e.put("name", name);
    e.put("type", "Microsoft.Network/trafficManagerProfiles/" + canonicalType);
    ObjectNode p = e.putObject("properties");
    p.put("endpointStatus", "Enabled");
    p.put("weight", 1);
    return e;
  }

  /** Applies requested endpoint properties after ARM's validation; journals what changed. */
  private void applyEndpoint(ObjectNode profile, ObjectNode endpoint, JsonNode requested, boolean replace) {
    ObjectNode p = Docs.props(endpoint);
    String before = summary(endpoint);
    ObjectNode next = p.deepCopy();
    if (replace && requested != null) {
      for (String keep : List.of("endpointMonitorStatus")) if (p.has(keep)) ((ObjectNode) requested).set(keep, p.get(keep));
    }
    Docs.merge(next, requested);
    if (!next.hasNonNull("priority")) {
      // Azure gives a new endpoint of a priority-routed profile the next free priority.
      int max = 0;
      for (ObjectNode other : endpoints(profile.path("id").asText())) max = Math.max(max, other.path("properties").path("priority").asInt(0));
      next.put("priority", max + 1);
    }
    JsonNode prio = next.get("priority");
    if (prio != null && !prio.isNull() && (!prio.canConvertToInt() || prio.asInt() < 1 || prio.asInt() > 1000)) {
      throw ArmException.badRequest("BadRequest", "The priority of endpoint '" + endpoint.path("name").asText()
          + "' must be between 1 and 1000.");
    }
    String status = Docs.text(next, "endpointStatus");
    if (status != null && !status.equals("Enabled") && !status.equals("Disabled")) {
      throw ArmException.badRequest("BadRequest", "endpointStatus must be Enabled or Disabled, not '" + status + "'.");
    }
    if (prio != null && !prio.isNull()) {
      for (ObjectNode other : endpoints(profile.path("id").asText())) {
        if (other.path("id").asText().equalsIgnoreCase(endpoint.path("id").asText())) continue;
        if (other.path("properties").path("priority").asInt(-1) == prio.asInt()) {
          throw ArmException.badRequest("BadRequest", "Endpoint '" + other.path("name").asText()
              + "' already has priority " + prio.asInt() + "; priorities must be unique within a profile.");
        }
      }
    }
    boolean existed = estate.find(endpoint.path("id").asText()) != null;
    endpoint.set("properties", next);
    estate.put(endpoint);
    estate.journal.record(endpoint.path("id").asText(), existed ? "trafficManager.updateEndpoint" : "trafficManager.createEndpoint",
        existed ? before : "absent", summary(endpoint), null, null);
  }

  private ArmResponse updateProfile(ArmRequest req, ObjectNode profile) {
    ObjectNode body = req.objectBody();
    JsonNode props = body.get("properties");
    List<Runnable> endpointUpdates = new ArrayList<>();
    if (props != null && props.get("endpoints") instanceof ArrayNode requested) {
      // Apply the whole set at once so a swap of priorities inside one request is valid.
      Map<String, ObjectNode> byName = new HashMap<>();
      for (ObjectNode e : endpoints(profile.path("id").asText())) byName.put(e.path("name").asText().toLowerCase(), e);
      Map<String, Integer> finalPriorities = new HashMap<>();
      for (ObjectNode e : byName.values()) finalPriorities.put(e.path("name").asText().toLowerCase(), e.path("properties").path("priority").asInt(-1));
      for (JsonNode r : requested) {
        String name = r.path("name").asText().toLowerCase();
        if (!byName.containsKey(name)) throw ArmException.badRequest("BadRequest", "Endpoint '" + r.path("name").asText() + "' is not in the profile.");
        if (r.path("properties").has("priority")) finalPriorities.put(name, r.path("properties").path("priority").asInt());
      }
      if (finalPriorities.values().stream().filter(v -> v > 0).distinct().count()
          != finalPriorities.values().stream().filter(v -> v > 0).count()) {
        throw ArmException.badRequest("BadRequest", "Endpoint priorities must be unique within a profile.");
      }
      for (JsonNode r : requested) {
        ObjectNode e = byName.get(r.path("name").asText().toLowerCase());
        endpointUpdates.add(() -> {
          String before = summary(e);
          Docs.merge(Docs.props(e), r.get("properties"));
          estate.journal.record(e.path("id").asText(), "trafficManager.updateEndpoint", before, summary(e), null, null);
        });
      }
    }
    endpointUpdates.forEach(Runnable::run);
    if (props != null) {
      ObjectNode rest = props.deepCopy();
      if (rest.isObject()) ((ObjectNode) rest).remove("endpoints");
      Docs.merge(Docs.props(profile), rest);
    }
    estate.persist();
    return ArmResponse.ok(renderProfile(profile));
  }

  List<ObjectNode> endpoints(String profileId) {
    List<ObjectNode> out = new ArrayList<>();
    for (String t : ENDPOINT_TYPES) out.addAll(estate.children(profileId, t));
    return out;
  }

  private ObjectNode renderProfile(ObjectNode profile) {
    ObjectNode out = profile.deepCopy();
    ArrayNode eps = Docs.props(out).putArray("endpoints");
    for (ObjectNode e : endpoints(profile.path("id").asText())) eps.add(render(e));
    return out;
  }

  /** endpointMonitorStatus is what Traffic Manager's probes see: it follows the endpoint's region health. */
  private ObjectNode render(ObjectNode endpoint) {
    ObjectNode out = endpoint.deepCopy();
    ObjectNode p = Docs.props(out);
    String region = Docs.text(p, "endpointLocation");
    String monitor = "Disabled".equals(Docs.text(p, "endpointStatus")) ? "Disabled"
        : region != null && estate.regions.isDown(region) ? "Degraded" : "Online";
    p.put("endpointMonitorStatus", monitor);
    return out;
  }

  static String summary(ObjectNode endpoint) {
    JsonNode p = endpoint.path("properties");
    return "priority=" + p.path("priority").asText("-") + " status=" + p.path("endpointStatus").asText("-")
        + " weight=" + p.path("weight").asText("-") + " target=" + p.path("target").asText(p.path("targetResourceId").asText("-"));
  }
}
