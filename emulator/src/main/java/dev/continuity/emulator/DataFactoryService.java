package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Azure Data Factory (Microsoft.DataFactory/factories): triggers (GET, POST start/stop, answered 200
 * as in Azure's examples), pipeline runs (POST queryPipelineRuns, GET, POST cancel) and integration
 * runtimes (POST getStatus). A self-hosted runtime is Offline while the region its nodes live in is
 * down; the factory's own control plane fails with the factory's region.
 *
 * <p>Runs are child documents {@code pipelineruns/{runId}}; integration runtimes keep the region of
 * their nodes in {@code properties.emulatorNodesRegion} (not an Azure field).
 */
final class DataFactoryService implements ArmService {
  private static final Set<String> ACTIVE = Set.of("Queued", "InProgress");
  private final Estate estate;

  DataFactoryService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.datafactory/factories");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    String factoryId = path.id(1);
    ObjectNode factory = estate.get(factoryId);
    estate.requireRegionUp(region(factoryId, factory), factoryId);
    if (path.depth() == 1 && path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(factory.deepCopy());
      throw ArmService.methodNotAllowed(req);
    }
    if (path.depth() == 1) {
      if (!req.is("POST") || !"querypipelineruns".equalsIgnoreCase(path.action)) throw ArmService.unknownAction(req, path);
      return ArmResponse.ok(queryRuns(factoryId, req.body()));
    }
    if (path.depth() != 2) throw ArmService.unknownAction(req, path);
    ObjectNode child = estate.get(path.id(2));
    String type = path.type(1);
    if (path.action == null) {
      if (req.is("GET") && (type.equals("triggers") || type.equals("pipelineruns"))) return ArmResponse.ok(child.deepCopy());
      throw ArmService.methodNotAllowed(req);
    }
    if (!req.is("POST")) throw ArmService.methodNotAllowed(req);
    String action = path.action.toLowerCase(Locale.ROOT);
    switch (type + "/" + action) {
      case "triggers/start", "triggers/stop" -> {
        String state = action.equals("start") ? "Started" : "Stopped";
        ObjectNode p = Docs.props(child);
        String before = p.path("runtimeState").asText();
        p.put("runtimeState", state);
        estate.journal.record(child.path("id").asText(), "dataFactory." + action + "Trigger", "runtimeState=" + before,
            "runtimeState=" + state, null, null);
        return ArmResponse.of(200, null);
      }
      case "pipelineruns/cancel" -> {
        String before = child.path("status").asText();
        if (ACTIVE.contains(before)) {
          child.put("status", "Cancelled");
          child.put("runEnd", estate.now().toString());
          child.put("lastUpdated", estate.now().toString());
          estate.journal.record(factoryId + "/pipelineruns/" + child.path("runId").asText(), "dataFactory.cancelRun",
              "status=" + before, "status=Cancelled", null, null);
        }
        return ArmResponse.of(200, null);
      }
      case "integrationruntimes/getstatus" -> {
        return ArmResponse.ok(runtimeStatus(factory, child));
      }
      default -> throw ArmService.unknownAction(req, path);
    }
  }

  private ObjectNode queryRuns(String factoryId, JsonNode query) {
    List<ObjectNode> runs = new ArrayList<>(estate.children(factoryId, "pipelineruns"));
    if (query != null) {
      for (JsonNode f : query.path("filters")) {
        String field = switch (f.path("operand").asText().toLowerCase(Locale.ROOT)) {
          case "status" -> "status";
          case "pipelinename" -> "pipelineName";
          default -> throw ArmException.badRequest("BadRequest", "The emulator filters pipeline runs by Status and PipelineName only.");
        };
        List<String> values = new ArrayList<>();
        f.path("values").forEach(v -> values.add(v.asText()));
        boolean negate = f.path("operator").asText().toLowerCase(Locale.ROOT).startsWith("not");
        runs.removeIf(r -> values.contains(r.path(field).asText()) == negate);
      }
    }
    ObjectNode b = Docs.JSON.objectNode();
    ArrayNode v = b.putArray("value");
    runs.forEach(r -> v.add(r.deepCopy()));
    b.putNull("continuationToken");
    return b;
  }

  private ObjectNode runtimeStatus(ObjectNode factory, ObjectNode runtime) {
    JsonNode p = runtime.path("properties");
    String type = p.path("type").asText("SelfHosted");
    ObjectNode b = Docs.JSON.objectNode();
    b.put("name", runtime.path("name").asText());
    ObjectNode props = b.putObject("properties");
    props.put("type", type);
    props.put("dataFactoryName", factory.path("name").asText());
    if (!type.equals("SelfHosted")) {
      props.put("state", "Online");
      return b;
    }
    String nodesRegion = p.path("emulatorNodesRegion").asText(null);
    boolean online = nodesRegion == null || !estate.regions.isDown(nodesRegion);
    props.put("state", online ? "Online" : "Offline");
    ObjectNode typeProps = props.putObject("typeProperties");
    ArrayNode nodes = typeProps.putArray("nodes");
    nodes.addObject().put("nodeName", runtime.path("name").asText() + "-node-1").put("status", online ? "Online" : "Offline")
        .put("machineName", (nodesRegion == null ? "vm" : nodesRegion) + "-shir-1");
    typeProps.put("version", "5.50.0.0");
    return b;
  }

  private String region(String id, ObjectNode doc) {
    ResourceFacts f = estate.facts(id);
    return f != null && f.region != null ? f.region : Regions.normalize(doc.path("location").asText());
  }
}
