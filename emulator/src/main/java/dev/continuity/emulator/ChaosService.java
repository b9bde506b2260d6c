package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Chaos Studio experiments (Microsoft.Chaos/experiments: GET, GET executions, POST start/cancel answered
 * 202 + Azure-AsyncOperation).
 *
 * <p>An experiment faults the regions its selectors' targets live in: when its start completes, those
 * regions go down in the emulator (as an NSG rule blocking a region's traffic would take it down), and
 * its cancel brings back exactly the regions this execution took down. An emulated execution runs
 * until it is cancelled. Chaos Studio itself stays reachable while a region is down, so a drill can
 * always end the outage it injected.
 */
final class ChaosService implements ArmService {
  /** Chaos Studio queues and pre-processes an execution before its faults start; cancelling rolls them back. */
  static final double START_SECONDS = 30;
  static final double CANCEL_SECONDS = 20;
  private static final Set<String> ENDED = Set.of("success", "succeeded", "failed", "cancelled", "canceled");
  private static final String TARGETS_SUFFIX = "/providers/microsoft.chaos/targets/";

  private final Estate estate;

  ChaosService(Estate estate) {
    this.estate = estate;
    estate.operations.register("chaos.start", op -> {
      ObjectNode execution = estate.get(op.params.path("execution").asText());
      ObjectNode props = Docs.props(execution);
      ArrayNode faulted = props.putArray("faultedRegions");
      for (String region : faultedRegions(estate.get(op.resourceId))) {
        if (estate.regions.outage(region)) faulted.add(region);
      }
      String before = props.path("status").asText();
      props.put("status", "Running");
      estate.journal.record(op.resourceId, "chaos.start", "status=" + before, "status=Running faulted=" + faulted, op.id, null);
      return Result.noContent();
    });
    estate.operations.register("chaos.cancel", op -> {
      ObjectNode execution = estate.get(op.params.path("execution").asText());
      ObjectNode props = Docs.props(execution);
      for (JsonNode region : props.path("faultedRegions")) estate.regions.restore(region.asText());
      String before = props.path("status").asText();
      props.put("status", "Cancelled");
      props.put("stoppedAt", estate.now().toString());
      estate.journal.record(op.resourceId, "chaos.cancel", "status=" + before, "status=Cancelled", op.id, null);
      return Result.noContent();
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.chaos/experiments");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    String id = path.id(1);
    ObjectNode experiment = estate.get(id);
    if (req.is("GET")) {
      if (path.depth() == 1 && path.action == null) return ArmResponse.ok(experiment.deepCopy());
      if (path.depth() == 1 && path.action.equalsIgnoreCase("executions")) {
        ObjectNode list = Docs.JSON.objectNode();
        ArrayNode value = list.putArray("value");
        for (ObjectNode e : estate.children(id, "executions")) value.add(wire(e));
        return ArmResponse.ok(list);
      }
      if (path.depth() == 2 && "executions".equals(path.type(1)) && path.action == null) {
        return ArmResponse.ok(wire(estate.get(path.id(2))));
      }
      throw ArmService.unknownAction(req, path);
    }
    if (!req.is("POST") || path.depth() != 1 || path.action == null) throw ArmService.methodNotAllowed(req);
    ObjectNode running = running(id);
    String region = experiment.path("location").asText("global");
    switch (path.action.toLowerCase(Locale.ROOT)) {
      case "start" -> {
        if (running != null) {
          throw ArmException.conflict("ExperimentAlreadyRunning", "Experiment '" + id + "' already has a running execution.");
        }
        ObjectNode execution = Docs.JSON.objectNode();
        String name = UUID.randomUUID().toString();
        execution.put("id", id + "/executions/" + name).put("name", name).put("type", "Microsoft.Chaos/experiments/executions");
        execution.putObject("properties").put("status", "PreProcessingQueued").put("startedAt", estate.now().toString());
        ArmResponse r = estate.operations.start(req, path, new Start("chaos.start", id, region,
            Docs.JSON.objectNode().put("execution", execution.path("id").asText()), START_SECONDS, Headers.ASYNC_OPERATION, 202, null));
        estate.put(execution);
        return r;
      }
      case "cancel" -> {
        if (running == null) return ArmResponse.of(200, null);
        ArmResponse r = estate.operations.start(req, path, new Start("chaos.cancel", id, region,
            Docs.JSON.objectNode().put("execution", running.path("id").asText()), CANCEL_SECONDS, Headers.ASYNC_OPERATION, 202, null));
        Docs.props(running).put("status", "Cancelling");
        return r;
      }
      default -> throw ArmService.unknownAction(req, path);
    }
  }

  private ObjectNode running(String experimentId) {
    for (ObjectNode e : estate.children(experimentId, "executions")) {
      String status = e.path("properties").path("status").asText("");
      if (!ENDED.contains(status.toLowerCase(Locale.ROOT))) return e;
    }
    return null;
  }

  /** An execution as Azure shows it: the emulator's record of the regions it took down stays inside. */
  private static ObjectNode wire(ObjectNode execution) {
    ObjectNode copy = execution.deepCopy();
    ((ObjectNode) copy.path("properties")).remove("faultedRegions");
    return copy;
  }

  /** The regions of the resources the experiment's selectors target (a target is {resource}/providers/Microsoft.Chaos/targets/{type}). */
  private Set<String> faultedRegions(ObjectNode experiment) {
    Set<String> regions = new TreeSet<>();
    for (JsonNode selector : experiment.path("properties").path("selectors")) {
      for (JsonNode target : selector.path("targets")) {
        String targetId = target.path("id").asText("");
        int cut = targetId.toLowerCase(Locale.ROOT).indexOf(TARGETS_SUFFIX);
        String resourceId = cut < 0 ? targetId : targetId.substring(0, cut);
        ResourceFacts f = estate.facts(resourceId);
        String region = f != null && f.region != null ? f.region : null;
        if (region == null) {
          ObjectNode doc = estate.find(resourceId);
          region = doc == null ? null : Docs.text(doc, "location");
        }
        if (region != null && !region.equalsIgnoreCase("global")) regions.add(Regions.normalize(region));
      }
    }
    return regions;
  }
}
