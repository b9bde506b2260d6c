package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.emulator.LongRunningOperations.Headers;
import dev.continuity.emulator.LongRunningOperations.Result;
import dev.continuity.emulator.LongRunningOperations.Start;
import java.util.List;

/**
 * AKS clusters and agent pools (Microsoft.ContainerService/managedClusters): start/stop (POST, 202 +
 * Location, or 204 when already there) and agent pool PUT (200 with provisioningState Updating +
 * Azure-AsyncOperation; the node count changes when the operation completes), and the cluster's
 * user/admin kubeconfig (POST listClusterUserCredential / listClusterAdminCredential).
 */
final class AksService implements ArmService {
  /** Azure's docs: starting a stopped cluster takes several minutes; stopping a few. */
  static final double START_SECONDS = 300;
  static final double STOP_SECONDS = 180;
  static final double SCALE_SECONDS = 180;
  private final Estate estate;

  AksService(Estate estate) {
    this.estate = estate;
    estate.operations.register("aks.power", op -> {
      ObjectNode cluster = estate.get(op.resourceId);
      String before = summary(cluster);
      String target = op.params.path("power").asText();
      ObjectNode p = Docs.props(cluster);
      Docs.obj(p, "powerState").put("code", target);
      p.put("provisioningState", "Succeeded");
      estate.journal.record(op.resourceId, target.equals("Running") ? "aks.start" : "aks.stop", before, summary(cluster), op.id, null);
      return Result.noContent();
    });
    estate.operations.register("aks.agentPool", op -> {
      ObjectNode pool = estate.get(op.resourceId);
      String before = poolSummary(pool);
      Docs.merge(Docs.props(pool), op.params.get("properties"));
      Docs.props(pool).put("provisioningState", "Succeeded");
      estate.journal.record(op.resourceId, "aks.updateAgentPool", before, poolSummary(pool), op.id, null);
      return Result.ok(pool.deepCopy());
    });
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.containerservice/managedclusters");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    ObjectNode cluster = estate.get(path.id(1));
    String id = cluster.path("id").asText();
    String region = region(id, cluster);
    estate.requireRegionUp(region, id);
    if (path.depth() == 1 && path.action == null) {
      if (req.is("GET")) return ArmResponse.ok(render(cluster));
      throw ArmService.methodNotAllowed(req);
    }
    if (path.depth() == 1 && "agentpools".equalsIgnoreCase(path.action) && req.is("GET")) {
      ObjectNode b = Docs.JSON.objectNode();
      ArrayNode v = b.putArray("value");
      estate.children(id, "agentPools").forEach(p -> v.add(p.deepCopy()));
      return ArmResponse.ok(b);
    }
    if (path.depth() == 1 && req.is("POST") && (path.action.equalsIgnoreCase("listClusterUserCredential")
        || path.action.equalsIgnoreCase("listClusterAdminCredential"))) {
      return ArmResponse.ok(credentials(cluster, path.action.toLowerCase().contains("admin"), req.baseUrl()));
    }
    if (path.depth() == 1) {
      if (!req.is("POST")) throw ArmService.methodNotAllowed(req);
      String target = switch (path.action.toLowerCase()) {
        case "start" -> "Running";
        case "stop" -> "Stopped";
        default -> throw ArmService.unknownAction(req, path);
      };
      if (target.equals(power(cluster)) && estate.operations.inProgress(id) == null) return ArmResponse.of(204, null);
      ArmResponse r = estate.operations.start(req, path, new Start("aks.power", id, region,
          Docs.JSON.objectNode().put("power", target), target.equals("Running") ? START_SECONDS : STOP_SECONDS,
          Headers.LOCATION, 202, null));
      Docs.props(cluster).put("provisioningState", target.equals("Running") ? "Starting" : "Stopping");
      return r;
    }
    if (path.depth() != 2 || !"agentpools".equals(path.type(1)) || path.action != null) throw ArmService.unknownAction(req, path);
    String poolId = path.id(2);
    ObjectNode pool = estate.find(poolId);
    if (req.is("GET")) {
      if (pool == null) throw ArmException.notFound(poolId);
      return ArmResponse.ok(pool.deepCopy());
    }
    if (!req.is("PUT")) throw ArmService.methodNotAllowed(req);
    if (pool == null) throw ArmException.badRequest("BadRequest", "The emulator updates existing agent pools only; '" + poolId + "' does not exist.");
    if (!"Running".equals(power(cluster))) {
      throw ArmException.conflict("OperationNotAllowed", "The cluster '" + cluster.path("name").asText()
          + "' is stopped; start it before changing its agent pools.");
    }
    JsonNode requested = req.objectBody().get("properties");
    JsonNode count = requested == null ? null : requested.get("count");
    if (count != null && (!count.canConvertToInt() || count.asInt() < 0 || count.asInt() > 1000)) {
      throw ArmException.badRequest("InvalidParameter", "properties.count must be between 0 and 1000.");
    }
    ObjectNode merged = Docs.props(pool).deepCopy();
    Docs.merge(merged, requested);
    if (merged.equals(pool.path("properties"))) return ArmResponse.ok(pool.deepCopy());
    ObjectNode params = Docs.JSON.objectNode();
    params.set("properties", requested == null ? Docs.JSON.objectNode() : requested.deepCopy());
    // The accepted body shows the requested pool; the estate changes when the operation completes.
    ObjectNode accepted = pool.deepCopy();
    accepted.set("properties", merged);
    merged.put("provisioningState", "Updating");
    ArmResponse r = estate.operations.start(req, path, new Start("aks.agentPool", pool.path("id").asText(), region, params,
        SCALE_SECONDS, Headers.ASYNC_OPERATION, 200, accepted));
    Docs.props(pool).put("provisioningState", "Updating");
    return r;
  }

  /**
   * A kubeconfig for the cluster's API server: the inventory's {@code apiServer} (a test's Kubernetes
   * mock server), else the emulator's own {@link KubernetesApi} for the cluster's FQDN.
   */
  private static ObjectNode credentials(ObjectNode cluster, boolean admin, String baseUrl) {
    String name = cluster.path("name").asText();
    String server = cluster.path("properties").path("emulatorApiServer").asText(null);
    if (server == null) server = baseUrl + KubernetesApi.PREFIX + cluster.path("properties").path("fqdn").asText(name);
    String user = (admin ? "clusterAdmin_" : "clusterUser_") + name;
    String kubeconfig = "apiVersion: v1\nkind: Config\nclusters:\n- name: " + name + "\n  cluster:\n    server: " + server
        + "\ncontexts:\n- name: " + name + "\n  context:\n    cluster: " + name + "\n    user: " + user
        + "\ncurrent-context: " + name + "\nusers:\n- name: " + user + "\n  user:\n    token: emulator\n";
    ObjectNode b = Docs.JSON.objectNode();
    b.putArray("kubeconfigs").addObject().put("name", admin ? "clusterAdmin" : "clusterUser")
        .put("value", java.util.Base64.getEncoder().encodeToString(kubeconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return b;
  }

  private String region(String id, ObjectNode cluster) {
    ResourceFacts f = estate.facts(id);
    return f != null && f.region != null ? f.region : Regions.normalize(cluster.path("location").asText());
  }

  static String power(ObjectNode cluster) {
    return cluster.path("properties").path("powerState").path("code").asText("Running");
  }

  private ObjectNode render(ObjectNode cluster) {
    ObjectNode out = cluster.deepCopy();
    ArrayNode profiles = Docs.props(out).putArray("agentPoolProfiles");
    for (ObjectNode pool : estate.children(cluster.path("id").asText(), "agentPools")) {
      ObjectNode prof = profiles.addObject();
      prof.put("name", pool.path("name").asText());
      prof.setAll((ObjectNode) pool.path("properties").deepCopy());
    }
    return out;
  }

  static String summary(ObjectNode cluster) {
    return "power=" + power(cluster);
  }

  static String poolSummary(ObjectNode pool) {
    JsonNode p = pool.path("properties");
    return "count=" + p.path("count").asText("-") + " autoscale=" + p.path("enableAutoScaling").asText("false");
  }
}
