package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.DatabricksJobs.DatabricksError;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Model serving endpoints of an emulated Databricks workspace (serving-endpoints API 2.0): GET of an
 * endpoint and PUT of its config. A config update is asynchronous as in Databricks: the endpoint shows
 * {@code state.config_update: IN_PROGRESS} and a {@code pending_config} until the (scaled) update time
 * has passed, refuses another update meanwhile (409 RESOURCE_CONFLICT), then serves the new config.
 * Endpoints are child documents {@code servingEndpoints/<name>} of the workspace.
 */
final class DatabricksServing {
  static final String API = "/api/2.0/serving-endpoints/";
  /** Databricks: a traffic-only config update of an external-model endpoint applies in well under a minute. */
  static final double UPDATE_SECONDS = 30;
  private final Estate estate;

  DatabricksServing(Estate estate) {
    this.estate = estate;
  }

  ArmResponse handle(String wsId, String method, String api, JsonNode body) {
    String rest = api.substring(API.length());
    boolean config = rest.endsWith("/config");
    String name = config ? rest.substring(0, rest.length() - "/config".length()) : rest;
    String m = method.toUpperCase(Locale.ROOT);
    if (name.isEmpty() || name.contains("/") || !(m.equals("GET") && !config || m.equals("PUT") && config)) {
      throw DatabricksJobs.error(404, "ENDPOINT_NOT_FOUND", "The emulator does not serve " + method + " " + api);
    }
    ObjectNode doc = estate.find(wsId + "/servingEndpoints/" + name);
    if (doc == null) throw DatabricksJobs.error(404, "RESOURCE_DOES_NOT_EXIST", "Serving endpoint '" + name + "' does not exist.");
    settle(doc);
    if (m.equals("GET")) return ArmResponse.ok(render(doc));
    if (doc.has("pending")) {
      throw DatabricksJobs.error(409, "RESOURCE_CONFLICT", "Endpoint '" + name + "' is currently updating; wait for the update to finish.");
    }
    ObjectNode next = validated(doc, body);
    long due = estate.now().toEpochMilli() + Math.round(UPDATE_SECONDS * 1000 * estate.state().timeScale);
    ObjectNode pending = doc.putObject("pending");
    pending.set("config", next);
    pending.put("due", due);
    settle(doc);
    return ArmResponse.ok(render(doc));
  }

  /** The requested config, checked the way Databricks does: routes name served entities and add up to 100. */
  private static ObjectNode validated(ObjectNode doc, JsonNode body) {
    if (body == null || !body.path("served_entities").isArray() || body.path("served_entities").isEmpty()) {
      throw DatabricksJobs.error(400, "INVALID_PARAMETER_VALUE", "served_entities is required.");
    }
    Set<String> names = new HashSet<>();
    body.path("served_entities").forEach(e -> names.add(e.path("name").asText()));
    int total = 0;
    for (JsonNode r : body.path("traffic_config").path("routes")) {
      String n = r.hasNonNull("served_entity_name") ? r.path("served_entity_name").asText() : r.path("served_model_name").asText();
      if (!names.contains(n)) throw DatabricksJobs.error(400, "INVALID_PARAMETER_VALUE", "Route names '" + n + "', which is not served.");
      total += r.path("traffic_percentage").asInt();
    }
    if (body.path("traffic_config").path("routes").size() > 0 && total != 100) {
      throw DatabricksJobs.error(400, "INVALID_PARAMETER_VALUE", "Traffic percentages must add up to 100, not " + total + ".");
    }
    ObjectNode next = Docs.JSON.objectNode();
    next.set("served_entities", body.path("served_entities").deepCopy());
    if (body.has("traffic_config")) next.set("traffic_config", body.path("traffic_config").deepCopy());
    return next;
  }

  /** Applies a pending update whose time has come. */
  private void settle(ObjectNode doc) {
    JsonNode pending = doc.get("pending");
    if (pending == null || estate.now().toEpochMilli() < pending.path("due").asLong()) return;
    ObjectNode endpoint = (ObjectNode) doc.path("endpoint");
    String before = routes(endpoint.path("config"));
    endpoint.set("config", pending.path("config").deepCopy());
    doc.remove("pending");
    estate.journal.record(doc.path("id").asText(), "databricks.updateServingEndpoint", before, routes(endpoint.path("config")), null, null);
  }

  private static ObjectNode render(ObjectNode doc) {
    ObjectNode out = doc.path("endpoint").deepCopy();
    ObjectNode state = out.putObject("state");
    state.put("ready", "READY");
    if (doc.has("pending")) {
      state.put("config_update", "IN_PROGRESS");
      out.set("pending_config", doc.path("pending").path("config").deepCopy());
    } else {
      state.put("config_update", "NOT_UPDATING");
    }
    return out;
  }

  private static String routes(JsonNode config) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode r : config.path("traffic_config").path("routes")) {
      if (sb.length() > 0) sb.append(',');
      sb.append(r.hasNonNull("served_entity_name") ? r.path("served_entity_name").asText() : r.path("served_model_name").asText())
          .append('=').append(r.path("traffic_percentage").asInt()).append('%');
    }
    return sb.toString();
  }

  /**
   * Seeds serving endpoints from a workspace's {@code servingEndpoints} property:
   * {@code name -> {route: <entity>, entities: {<entity>: <Azure OpenAI account endpoint URL, or a foundation model name>}}}.
   * URL entities become external models of provider openai (Azure OpenAI, deployment {@code deployment}, default gpt-4o).
   */
  static void seed(EmulatorState state, String wsId, Map<?, ?> endpoints) {
    endpoints.forEach((name, spec) -> {
      if (!(spec instanceof Map<?, ?> s) || !(s.get("entities") instanceof Map<?, ?> entities)) {
        throw new IllegalArgumentException("serving endpoint " + name + " needs entities (name -> model)");
      }
      String route = String.valueOf(s.get("route") == null ? entities.keySet().iterator().next() : s.get("route"));
      String deployment = String.valueOf(s.get("deployment") == null ? "gpt-4o" : s.get("deployment"));
      ObjectNode doc = Docs.JSON.objectNode();
      doc.put("id", wsId + "/servingEndpoints/" + name);
      ObjectNode ep = doc.putObject("endpoint");
      ep.put("name", name.toString()).put("creator", "dr-automation").put("task", "llm/v1/chat");
      ObjectNode config = ep.putObject("config");
      ArrayNode list = config.putArray("served_entities");
      ArrayNode routes = config.putObject("traffic_config").putArray("routes");
      entities.forEach((entity, model) -> {
        ObjectNode e = list.addObject().put("name", entity.toString());
        String target = String.valueOf(model);
        if (target.startsWith("https://")) {
          ObjectNode ext = e.putObject("external_model");
          ext.put("name", deployment).put("provider", "openai").put("task", "llm/v1/chat");
          ext.putObject("openai_config").put("openai_api_type", "azure").put("openai_api_base", target)
              .put("openai_deployment_name", deployment).put("openai_api_version", "2024-10-21")
              .put("openai_api_key", "{{secrets/genai/" + entity + "}}");
        } else {
          e.put("entity_name", "system.ai." + target).put("entity_version", "1").put("workload_size", "Small")
              .put("scale_to_zero_enabled", false);
        }
        routes.addObject().put("served_model_name", entity.toString()).put("traffic_percentage", entity.toString().equals(route) ? 100 : 0);
      });
      state.resources.put(ResourcePath.key(wsId + "/servingEndpoints/" + name), doc);
    });
  }
}
