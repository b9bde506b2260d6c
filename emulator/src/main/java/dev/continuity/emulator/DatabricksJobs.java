package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of a Databricks workspace's REST API the actions use, under
 * {@code /_databricks/<workspace host>/api/...}: Jobs API 2.1 jobs list/get/update/reset and runs
 * list/cancel, and serving endpoints ({@link DatabricksServing}). The workspace is the emulated Microsoft.Databricks/workspaces resource whose
 * properties.workspaceUrl is that host; it fails with its region (503 TEMPORARILY_UNAVAILABLE).
 * Jobs and runs are child documents {@code jobs/{id}} and {@code runs/{id}} of the workspace.
 */
final class DatabricksJobs {
  static final String PREFIX = "/_databricks/";
  private final Estate estate;
  private final DatabricksServing serving;

  DatabricksJobs(Estate estate) {
    this.estate = estate;
    this.serving = new DatabricksServing(estate);
  }

  ArmResponse handle(String method, String path, Map<String, String> query, JsonNode body, String auth) {
    try {
      if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
        throw error(401, "UNAUTHENTICATED", "A bearer token is required.");
      }
      String rest = path.substring(PREFIX.length());
      int slash = rest.indexOf('/');
      if (slash < 0) throw error(404, "ENDPOINT_NOT_FOUND", "No API at " + path);
      String host = rest.substring(0, slash).toLowerCase(Locale.ROOT);
      String api = rest.substring(slash);
      ObjectNode ws = workspace(host);
      String wsId = ws.path("id").asText();
      ResourceFacts f = estate.facts(wsId);
      String region = f != null && f.region != null ? f.region : Regions.normalize(ws.path("location").asText());
      if (estate.regions.isDown(region)) {
        throw error(503, "TEMPORARILY_UNAVAILABLE", "The workspace " + host + " in " + region + " is unavailable.");
      }
      if (api.startsWith(DatabricksServing.API)) {
        ArmResponse r = serving.handle(wsId, method, api.replaceAll("/+$", ""), body);
        if (!method.equalsIgnoreCase("GET")) estate.persist();
        return r;
      }
      ArmResponse r = switch (method.toUpperCase(Locale.ROOT) + " " + api.replaceAll("/+$", "")) {
        case "GET /api/2.1/jobs/list" -> list(wsId);
        case "GET /api/2.1/jobs/get" -> ArmResponse.ok(job(wsId, longParam(query.get("job_id"), "job_id")).deepCopy());
        case "POST /api/2.1/jobs/update" -> update(wsId, body, false);
        case "POST /api/2.1/jobs/reset" -> update(wsId, body, true);
        case "GET /api/2.1/jobs/runs/list" -> runs(wsId, query);
        case "POST /api/2.1/jobs/runs/cancel" -> cancel(wsId, body);
        default -> throw error(404, "ENDPOINT_NOT_FOUND", "The emulator does not serve " + method + " " + api);
      };
      if (!method.equalsIgnoreCase("GET")) estate.persist();
      return r;
    } catch (DatabricksError e) {
      ObjectNode b = Docs.JSON.objectNode().put("error_code", e.code).put("message", e.getMessage());
      return ArmResponse.of(e.status, b);
    }
  }

  private ObjectNode workspace(String host) {
    for (ObjectNode doc : estate.state().resources.values()) {
      if (doc.path("type").asText().equalsIgnoreCase("Microsoft.Databricks/workspaces")
          && doc.path("properties").path("workspaceUrl").asText().equalsIgnoreCase(host)) {
        return doc;
      }
    }
    throw error(404, "ENDPOINT_NOT_FOUND", "No emulated workspace has the URL " + host);
  }

  private ArmResponse list(String wsId) {
    ObjectNode b = Docs.JSON.objectNode();
    ArrayNode jobs = b.putArray("jobs");
    estate.children(wsId, "jobs").stream().sorted(Comparator.comparingLong(j -> j.path("job_id").asLong()))
        .forEach(j -> jobs.add(j.deepCopy()));
    b.put("has_more", false);
    return ArmResponse.ok(b);
  }

  private ArmResponse update(String wsId, JsonNode body, boolean reset) {
    if (body == null || !body.path("new_settings").isObject()) throw error(400, "INVALID_PARAMETER_VALUE", "new_settings is required.");
    ObjectNode job = job(wsId, longParam(body.path("job_id").asText(null), "job_id"));
    String before = job.path("settings").toString();
    if (reset) {
      job.set("settings", body.path("new_settings").deepCopy());
    } else {
      // jobs/update replaces each top-level field given in new_settings (a partial update).
      ObjectNode settings = (ObjectNode) job.path("settings");
      Iterator<Map.Entry<String, JsonNode>> it = body.path("new_settings").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        settings.set(e.getKey(), e.getValue().deepCopy());
      }
      body.path("fields_to_remove").forEach(n -> settings.remove(n.asText()));
    }
    estate.journal.record(wsId + "/jobs/" + job.path("job_id").asText(), reset ? "databricks.resetJob" : "databricks.updateJob",
        before, job.path("settings").toString(), null, null);
    return ArmResponse.ok(Docs.JSON.objectNode());
  }

  private ArmResponse runs(String wsId, Map<String, String> query) {
    boolean activeOnly = Boolean.parseBoolean(query.getOrDefault("active_only", "false"));
    String jobId = query.get("job_id");
    ObjectNode b = Docs.JSON.objectNode();
    ArrayNode runs = b.putArray("runs");
    estate.children(wsId, "runs").stream()
        .filter(r -> !activeOnly || !r.path("state").path("life_cycle_state").asText().equals("TERMINATED"))
        .filter(r -> jobId == null || r.path("job_id").asText().equals(jobId))
        .sorted(Comparator.comparingLong(r -> r.path("run_id").asLong()))
        .forEach(r -> runs.add(r.deepCopy()));
    b.put("has_more", false);
    return ArmResponse.ok(b);
  }

  private ArmResponse cancel(String wsId, JsonNode body) {
    long runId = longParam(body == null ? null : body.path("run_id").asText(null), "run_id");
    ObjectNode run = estate.find(wsId + "/runs/" + runId);
    if (run == null) throw error(400, "INVALID_PARAMETER_VALUE", "Run " + runId + " does not exist.");
    ObjectNode state = (ObjectNode) run.path("state");
    String before = state.path("life_cycle_state").asText();
    if (!before.equals("TERMINATED")) {
      state.put("life_cycle_state", "TERMINATED").put("result_state", "CANCELED").put("state_message", "Run cancelled.");
      estate.journal.record(wsId + "/runs/" + runId, "databricks.cancelRun", "state=" + before, "state=TERMINATED/CANCELED", null, null);
    }
    return ArmResponse.ok(Docs.JSON.objectNode());
  }

  private ObjectNode job(String wsId, long jobId) {
    ObjectNode job = estate.find(wsId + "/jobs/" + jobId);
    if (job == null) throw error(400, "RESOURCE_DOES_NOT_EXIST", "Job " + jobId + " does not exist.");
    return job;
  }

  private static long longParam(String v, String name) {
    try {
      return Long.parseLong(v);
    } catch (RuntimeException e) {
      throw error(400, "INVALID_PARAMETER_VALUE", name + " must be a number, got " + v);
    }
  }

  static DatabricksError error(int status, String code, String message) {
    return new DatabricksError(status, code, message);
  }

  /** A Jobs API error: {error_code, message}, not ARM's error shape. */
  static final class DatabricksError extends RuntimeException {
    final int status;
    final String code;

    DatabricksError(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  /**
   * Seeds a workspace's jobs (schedules paused unless {@code running}; parameters {@code region} and
   * {@code active_region}, the stamp's primary) and one running run per job in {@code activeRuns}.
   */
  static void seed(EmulatorState state, String wsId, String region, String activeRegion, List<String> jobs, boolean running,
      List<String> activeRuns) {
    long jobId = 1000;
    long runId = 5000;
    for (String name : jobs) {
      jobId++;
      ObjectNode job = Docs.JSON.objectNode();
      job.put("job_id", jobId).put("created_time", 1767600000000L).put("creator_user_name", "dr-automation");
      ObjectNode settings = job.putObject("settings");
      settings.put("name", name).put("max_concurrent_runs", 1);
      settings.putObject("schedule").put("quartz_cron_expression", "0 0 * * * ?").put("timezone_id", "UTC")
          .put("pause_status", running ? "UNPAUSED" : "PAUSED");
      ArrayNode params = settings.putArray("parameters");
      params.addObject().put("name", "region").put("default", region);
      params.addObject().put("name", "active_region").put("default", activeRegion);
      state.resources.put(ResourcePath.key(wsId + "/jobs/" + jobId), job);
      if (activeRuns.contains(name)) {
        runId++;
        ObjectNode run = Docs.JSON.objectNode();
        run.put("run_id", runId).put("job_id", jobId).put("run_name", name).put("start_time", 1767603600000L);
        run.putObject("state").put("life_cycle_state", "RUNNING").put("state_message", "");
        state.resources.put(ResourcePath.key(wsId + "/runs/" + runId), run);
      }
    }
  }
}
