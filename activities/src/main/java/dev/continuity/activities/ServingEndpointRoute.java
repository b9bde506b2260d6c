package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves all traffic of a Databricks model serving endpoint to one served entity, for example from
 * the primary region's Azure OpenAI deployment to the secondary's, or to a fallback model. The
 * entities stay configured; only the traffic config changes, so the move back is the same action.
 *
 * <p>A config update runs asynchronously and the endpoint refuses another one meanwhile. A retried
 * attempt that finds an update in progress towards the same route waits for it rather than sending
 * it again; an update towards another route is someone else's and is waited out by retrying.
 */
final class ServingEndpointRoute {
  /** Fields the endpoint reports on a served entity that a config update does not take. */
  private static final Set<String> OUTPUT_ONLY = Set.of("state", "creator", "creation_timestamp");

  private final DatabricksJobsApi api;
  private final ActivitiesConfig config;

  ServingEndpointRoute(DatabricksJobsApi api, ActivitiesConfig config) {
    this.api = api;
    this.config = config;
  }

  ActionResult apply(ActionRequest request, String base) {
    String endpoint = Params.string(request, "endpoint");
    String entity = Params.string(request, "servedEntity");
    JsonNode ep = api.servingEndpoint(base, endpoint);
    boolean resumed = false;
    if (updating(ep)) {
      if (!routesAllTo(ep.path("pending_config"), entity)) {
        throw ApplicationFailure.newFailure("serving endpoint " + endpoint + " is applying another config update; "
            + "the route to " + entity + " is set once it is done", AzureCall.NOT_CONVERGED);
      }
      ep = waitForUpdate(base, endpoint);
      resumed = true;
    }
    JsonNode current = ep.path("config");
    List<String> served = entityNames(current);
    if (!served.contains(entity)) {
      throw Params.bad(request, "servedEntity", "names an entity that serving endpoint " + endpoint + " does not serve: "
          + entity + " (it serves " + served + ")");
    }
    String before = routeSummary(current);
    if (routesAllTo(current, entity)) {
      if (resumed) return new ActionResult(true, "serving endpoint " + endpoint + " sends all traffic to " + entity
          + " (resumed update)", Map.of("route", entity));
      return new ActionResult(false, "serving endpoint " + endpoint + " sends all traffic to " + entity + " already",
          Map.of("route", entity));
    }
    api.updateServingConfig(base, endpoint, newConfig(current, served, entity));
    JsonNode after = waitForUpdate(base, endpoint);
    if ("UPDATE_FAILED".equals(after.path("state").path("config_update").asText())) {
      throw ApplicationFailure.newNonRetryableFailure("serving endpoint " + endpoint + " failed to apply the route to " + entity
          + "; it keeps " + routeSummary(after.path("config")), ArmFailures.INVALID_REQUEST);
    }
    if (!routesAllTo(after.path("config"), entity)) {
      throw AzureCall.notConverged("serving endpoint " + endpoint + " routes " + routeSummary(after.path("config"))
          + " after the update to " + entity);
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("route", entity);
    facts.put("previousRoute", before);
    return new ActionResult(true, "serving endpoint " + endpoint + " traffic " + before + " -> " + entity + "=100%", facts);
  }

  /** The same served entities, all traffic to one of them. */
  private static ObjectNode newConfig(JsonNode current, List<String> served, String entity) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    String list = current.path("served_entities").isArray() ? "served_entities" : "served_models";
    ArrayNode entities = body.putArray(list);
    for (JsonNode e : current.path(list)) {
      ObjectNode copy = e.deepCopy();
      copy.remove(OUTPUT_ONLY);
      entities.add(copy);
    }
    ArrayNode routes = body.putObject("traffic_config").putArray("routes");
    for (String name : served) {
      routes.addObject().put("served_model_name", name).put("traffic_percentage", name.equals(entity) ? 100 : 0);
    }
    return body;
  }

  /** Polls the endpoint until no config update is in progress, heartbeating meanwhile. */
  private JsonNode waitForUpdate(String base, String endpoint) {
    while (true) {
      JsonNode ep = api.servingEndpoint(base, endpoint);
      if (!updating(ep)) return ep;
      Activity.getExecutionContext().heartbeat(endpoint);
      try {
        Thread.sleep(Math.max(1, config.pollInterval().toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure("interrupted while serving endpoint " + endpoint + " updates", "Interrupted");
      }
    }
  }

  private static boolean updating(JsonNode ep) {
    return "IN_PROGRESS".equals(ep.path("state").path("config_update").asText());
  }

  private static List<String> entityNames(JsonNode config) {
    List<String> names = new ArrayList<>();
    JsonNode list = config.path("served_entities").isArray() ? config.path("served_entities") : config.path("served_models");
    list.forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  /** True when the entity gets 100% (a single served entity without routes gets all traffic too). */
  private static boolean routesAllTo(JsonNode config, String entity) {
    JsonNode routes = config.path("traffic_config").path("routes");
    if (!routes.isArray() || routes.isEmpty()) {
      List<String> names = entityNames(config);
      return names.size() == 1 && names.get(0).equals(entity);
    }
    for (JsonNode r : routes) {
      if (entity.equals(routeName(r)) && r.path("traffic_percentage").asInt() == 100) return true;
    }
    return false;
  }

  private static String routeName(JsonNode route) {
    return route.hasNonNull("served_entity_name") ? route.path("served_entity_name").asText() : route.path("served_model_name").asText();
  }

  private static String routeSummary(JsonNode config) {
    List<String> parts = new ArrayList<>();
    config.path("traffic_config").path("routes").forEach(r -> parts.add(routeName(r) + "=" + r.path("traffic_percentage").asInt() + "%"));
    return parts.isEmpty() ? String.valueOf(entityNames(config)) : String.join(",", parts);
  }
}
