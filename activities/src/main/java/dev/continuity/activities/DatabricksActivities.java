package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.Json;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.DatabricksActions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Databricks jobs of a workspace: their schedules, their active runs and the parameters that point
 * them at a region's resources; and the traffic route of its model serving endpoints
 * ({@link ServingEndpointRoute}). Each action reads the jobs first and changes only those not yet in
 * the desired state, so a repeat changes nothing.
 */
public final class DatabricksActivities implements DatabricksActions {
  /** The job settings that start runs by themselves, each with its own pause_status. */
  private static final List<String> SCHEDULES = List.of("schedule", "trigger", "continuous");
  /** Life-cycle states of a run that is on its way out already. */
  private static final Set<String> ENDING = Set.of("TERMINATING", "TERMINATED", "SKIPPED", "INTERNAL_ERROR");

  private final ActivitiesConfig config;
  private final DatabricksJobsApi api;
  private final ServingEndpointRoute serving;

  public DatabricksActivities(ActivitiesConfig config) {
    this.config = config;
    this.api = new DatabricksJobsApi(config);
    this.serving = new ServingEndpointRoute(api, config);
  }

  @Override
  public ActionResult setServingEndpointRoute(ActionRequest request) {
    return serving.apply(request, api.base(workspaceUrl(request)));
  }

  @Override
  public ActionResult pauseJobSchedules(ActionRequest request) {
    return BestEffort.run(request, config, "schedules not paused", () -> setPause(request, "PAUSED"));
  }

  @Override
  public ActionResult resumeJobSchedules(ActionRequest request) {
    return setPause(request, "UNPAUSED");
  }

  private ActionResult setPause(ActionRequest request, String desired) {
    String base = api.base(workspaceUrl(request));
    List<String> names = Params.optionalList(request, "jobs");
    List<JsonNode> jobs = selected(request, api.jobs(base), names);
    List<String> changed = new ArrayList<>();
    for (JsonNode job : jobs) {
      Map<String, Object> newSettings = new LinkedHashMap<>();
      for (String block : SCHEDULES) {
        JsonNode current = job.path("settings").path(block);
        if (!current.isObject()) continue;
        if (desired.equals(current.path("pause_status").asText("UNPAUSED"))) continue;
        ObjectNode updated = ((ObjectNode) current).deepCopy().put("pause_status", desired);
        newSettings.put(block, Json.MAPPER.convertValue(updated, Map.class));
      }
      if (newSettings.isEmpty()) continue;
      api.update(base, job.path("job_id").asLong(), newSettings);
      changed.add(name(job));
    }
    String verb = desired.equals("PAUSED") ? "paused" : "resumed";
    if (!changed.isEmpty()) {
      for (JsonNode job : selected(request, api.jobs(base), List.copyOf(changed))) {
        for (String block : SCHEDULES) {
          JsonNode b = job.path("settings").path(block);
          if (b.isObject() && !desired.equals(b.path("pause_status").asText("UNPAUSED"))) {
            throw AzureCall.notConverged("job " + name(job) + " " + block + " is " + b.path("pause_status").asText() + " after the update");
          }
        }
      }
    }
    Map<String, Object> facts = Map.of(verb, List.copyOf(changed));
    if (changed.isEmpty()) return new ActionResult(false, "schedules of " + jobs.size() + " job(s) already " + verb, facts);
    return new ActionResult(true, "schedules " + verb + " for " + changed, facts);
  }

  @Override
  public ActionResult cancelActiveRuns(ActionRequest request) {
    return BestEffort.run(request, config, "runs not cancelled", () -> cancelRuns(request));
  }

  private ActionResult cancelRuns(ActionRequest request) {
    String base = api.base(workspaceUrl(request));
    List<String> names = Params.optionalList(request, "jobs");
    Set<Long> jobIds = names.isEmpty() ? null
        : Set.copyOf(selected(request, api.jobs(base), names).stream().map(j -> j.path("job_id").asLong()).toList());
    List<Long> cancelled = new ArrayList<>();
    for (JsonNode run : api.activeRuns(base)) {
      if (jobIds != null && !jobIds.contains(run.path("job_id").asLong())) continue;
      if (ENDING.contains(run.path("state").path("life_cycle_state").asText())) continue;
      api.cancelRun(base, run.path("run_id").asLong());
      cancelled.add(run.path("run_id").asLong());
    }
    if (!cancelled.isEmpty()) {
      List<Long> still = api.activeRuns(base).stream()
          .filter(r -> cancelled.contains(r.path("run_id").asLong()))
          .filter(r -> !ENDING.contains(r.path("state").path("life_cycle_state").asText()))
          .map(r -> r.path("run_id").asLong()).toList();
      if (!still.isEmpty()) throw AzureCall.notConverged("runs " + still + " still active after cancelling");
    }
    Map<String, Object> facts = Map.of("cancelledRuns", List.copyOf(cancelled));
    if (cancelled.isEmpty()) return new ActionResult(false, "no active runs to cancel", facts);
    return new ActionResult(true, "cancelled " + cancelled.size() + " active run(s)", facts);
  }

  @Override
  public ActionResult setJobParameters(ActionRequest request) {
    String base = api.base(workspaceUrl(request));
    List<String> names = Params.list(request, "jobs");
    Map<String, String> wanted = Params.stringMap(request, "parameters");
    List<String> changed = new ArrayList<>();
    for (JsonNode listed : selected(request, api.jobs(base), names)) {
      long id = listed.path("job_id").asLong();
      JsonNode settings = api.job(base, id).path("settings");
      List<Map<String, String>> params = new ArrayList<>();
      Map<String, String> seen = new LinkedHashMap<>();
      settings.path("parameters").forEach(p -> seen.put(p.path("name").asText(), p.path("default").asText()));
      boolean differs = false;
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!e.getValue().equals(seen.get(e.getKey()))) differs = true;
      }
      if (!differs) continue;
      Map<String, String> merged = new LinkedHashMap<>(seen);
      merged.putAll(wanted);
      merged.forEach((k, v) -> params.add(Map.of("name", k, "default", v)));
      api.update(base, id, Map.of("parameters", params));
      changed.add(name(listed));
    }
    Map<String, Object> facts = Map.of("updated", List.copyOf(changed));
    if (changed.isEmpty()) return new ActionResult(false, "jobs " + names + " already have " + wanted.keySet(), facts);
    return new ActionResult(true, "parameters " + wanted.keySet() + " set on " + changed, facts);
  }

  /** The named jobs (all of them, with a schedule of some kind, when no names are given); an unknown name fails for good. */
  private static List<JsonNode> selected(ActionRequest request, List<JsonNode> jobs, List<String> names) {
    if (names.isEmpty()) {
      return jobs.stream().filter(j -> SCHEDULES.stream().anyMatch(b -> j.path("settings").path(b).isObject())).toList();
    }
    List<JsonNode> out = new ArrayList<>();
    for (String n : names) {
      List<JsonNode> match = jobs.stream().filter(j -> n.equals(name(j))).toList();
      if (match.isEmpty()) {
        throw Params.bad(request, "jobs", "names a job the workspace does not have: " + n + " (it has "
            + jobs.stream().map(DatabricksActivities::name).toList() + ")");
      }
      out.addAll(match);
    }
    return out;
  }

  private static String name(JsonNode job) {
    return job.path("settings").path("name").asText();
  }

  private static String workspaceUrl(ActionRequest request) {
    Object url = request.target() == null || request.target().properties() == null ? null
        : request.target().properties().get("workspaceUrl");
    if (url == null || url.toString().isBlank()) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("step " + request.stepId() + ": target "
          + (request.target() == null ? "(none)" : request.target().name())
          + " has no properties.workspaceUrl (e.g. adb-1234567890123456.7.azuredatabricks.net)", "InvalidTarget");
    }
    return url.toString().trim();
  }
}
