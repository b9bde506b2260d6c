package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.util.List;

/**
 * Resources the actions only read: AI Search services, ML workspaces' online endpoints, Azure
 * OpenAI accounts, Databricks workspaces (their jobs are in {@link DatabricksJobs}). Their control plane fails with their region.
 */
final class ReadOnlyServices implements ArmService {
  private final Estate estate;

  ReadOnlyServices(Estate estate) {
    this.estate = estate;
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.search/searchservices", "microsoft.machinelearningservices/workspaces",
        "microsoft.cognitiveservices/accounts", "microsoft.databricks/workspaces");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
    if (path.action != null) throw ArmService.unknownAction(req, path);
    String id = path.id(path.depth());
    ObjectNode doc = estate.get(id);
    ResourceFacts f = estate.facts(id);
    estate.requireRegionUp(f == null ? doc.path("location").asText(null) : f.region, id);
    return ArmResponse.ok(doc.deepCopy());
  }
}
