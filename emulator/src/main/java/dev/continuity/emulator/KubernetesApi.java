package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * The part of an AKS cluster's Kubernetes API that scaling a workload uses, under
 * {@code /_kubernetes/<cluster FQDN>/apis/apps/v1/namespaces/<ns>/<deployments|statefulsets>/<name>[/scale]}:
 * GET of the workload and of its scale subresource, PUT and PATCH of the scale. The kubeconfig the
 * emulated ARM hands out for a cluster points here unless the inventory names another API server.
 * The API answers only while the cluster runs and its region is up.
 *
 * <p>Workloads are child documents {@code <cluster ID>/workloads/<ns>.<kind>.<name>} of the cluster,
 * holding a Deployment or StatefulSet with {@code spec.replicas}; the emulated pods are ready at once.
 */
final class KubernetesApi {
  static final String PREFIX = "/_kubernetes/";
  private final Estate estate;

  KubernetesApi(Estate estate) {
    this.estate = estate;
  }

  ArmResponse handle(String method, String path, JsonNode body, String auth) {
    try {
      if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
        throw status(401, "Unauthorized", "a bearer token is required");
      }
      String rest = path.substring(PREFIX.length());
      int slash = rest.indexOf('/');
      if (slash < 0) throw status(404, "NotFound", "no API at " + path);
      ObjectNode cluster = cluster(rest.substring(0, slash));
      String clusterId = cluster.path("id").asText();
      EmulatorState.ResourceFacts f = estate.facts(clusterId);
      String region = f != null && f.region != null ? f.region : Regions.normalize(cluster.path("location").asText());
      if (estate.regions.isDown(region) || !"Running".equals(AksService.power(cluster))) {
        throw status(503, "ServiceUnavailable", "the API server of " + cluster.path("name").asText() + " is unreachable");
      }
      String[] s = rest.substring(slash).replaceAll("/+$", "").split("/");
      // "", apis, apps, v1, namespaces, <ns>, <plural>, <name>[, scale]
      if (s.length < 8 || !s[1].equals("apis") || !s[2].equals("apps") || !s[3].equals("v1") || !s[4].equals("namespaces")
          || !(s[6].equals("deployments") || s[6].equals("statefulsets")) || s.length > 9 || (s.length == 9 && !s[8].equals("scale"))) {
        throw status(404, "NotFound", "the emulator does not serve " + method + " " + rest.substring(slash));
      }
      String kind = s[6].equals("deployments") ? "Deployment" : "StatefulSet";
      String docId = clusterId + "/workloads/" + s[5] + "." + kind.toLowerCase(Locale.ROOT) + "." + s[7];
      ObjectNode doc = estate.find(docId);
      if (doc == null) throw status(404, "NotFound", s[6] + ".apps \"" + s[7] + "\" not found");
      boolean scale = s.length == 9;
      String m = method.toUpperCase(Locale.ROOT);
      if (m.equals("GET")) return ArmResponse.ok(scale ? scaleOf(doc) : render(doc));
      if (!scale || !(m.equals("PUT") || m.equals("PATCH"))) throw status(405, "MethodNotAllowed", method + " is not served here");
      JsonNode replicas = body == null ? null : body.path("spec").get("replicas");
      if (replicas == null || !replicas.canConvertToInt() || replicas.asInt() < 0) {
        throw status(422, "Invalid", "spec.replicas must be a non-negative integer");
      }
      ObjectNode spec = (ObjectNode) doc.path("workload").path("spec");
      int before = spec.path("replicas").asInt();
      spec.put("replicas", replicas.asInt());
      estate.journal.record(docId, "kubernetes.scale", "replicas=" + before, "replicas=" + replicas.asInt(), null, null);
      estate.persist();
      return ArmResponse.ok(scaleOf(doc));
    } catch (StatusError e) {
      ObjectNode b = Docs.JSON.objectNode();
      b.put("kind", "Status").put("apiVersion", "v1").put("status", "Failure").put("message", e.getMessage())
          .put("reason", e.reason).put("code", e.code);
      b.putObject("metadata");
      return ArmResponse.of(e.code, b);
    }
  }

  private ObjectNode cluster(String host) {
    for (ObjectNode doc : estate.state().resources.values()) {
      if (doc.path("type").asText().equalsIgnoreCase("Microsoft.ContainerService/managedClusters")
          && doc.path("properties").path("fqdn").asText().equalsIgnoreCase(host)) {
        return doc;
      }
    }
    throw status(404, "NotFound", "no emulated cluster has the API server " + host);
  }

  /** The workload as the API server shows it: ready as soon as scaled, versioned by its spec. */
  private static ObjectNode render(ObjectNode doc) {
    ObjectNode w = doc.path("workload").deepCopy();
    int replicas = w.path("spec").path("replicas").asInt();
    ((ObjectNode) w.path("metadata")).put("resourceVersion", version(doc));
    ObjectNode status = w.putObject("status");
    status.put("replicas", replicas).put("readyReplicas", replicas).put("availableReplicas", replicas);
    return w;
  }

  private static ObjectNode scaleOf(ObjectNode doc) {
    JsonNode w = doc.path("workload");
    ObjectNode scale = Docs.JSON.objectNode();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    scale.putObject("metadata").put("name", w.path("metadata").path("name").asText())
        .put("namespace", w.path("metadata").path("namespace").asText()).put("resourceVersion", version(doc));
    int replicas = w.path("spec").path("replicas").asInt();
    scale.putObject("spec").put("replicas", replicas);
    scale.putObject("status").put("replicas", replicas);
    return scale;
  }

  private static String version(ObjectNode doc) {
    return String.valueOf(doc.path("workload").path("spec").toString().hashCode() & 0x7fffffff);
  }

  /**
   * Seeds the workloads of a cluster from the inventory's {@code workloads} map:
   * {@code "<namespace>/<deployment|statefulset>/<name>": replicas}.
   */
  static void seed(EmulatorState state, String clusterId, Map<?, ?> workloads) {
    workloads.forEach((key, replicas) -> {
      String[] p = key.toString().split("/");
      if (p.length != 3 || !(p[1].equalsIgnoreCase("deployment") || p[1].equalsIgnoreCase("statefulset"))) {
        throw new IllegalArgumentException("workload '" + key + "' is not <namespace>/<deployment|statefulset>/<name>");
      }
      String kind = p[1].equalsIgnoreCase("deployment") ? "Deployment" : "StatefulSet";
      String id = clusterId + "/workloads/" + p[0] + "." + kind.toLowerCase(Locale.ROOT) + "." + p[2];
      ObjectNode doc = Docs.JSON.objectNode();
      doc.put("id", id);
      ObjectNode w = doc.putObject("workload");
      w.put("apiVersion", "apps/v1").put("kind", kind);
      w.putObject("metadata").put("name", p[2]).put("namespace", p[0]);
      w.putObject("spec").put("replicas", Integer.parseInt(replicas.toString()));
      state.resources.put(ResourcePath.key(id), doc);
    });
  }

  private static StatusError status(int code, String reason, String message) {
    return new StatusError(code, reason, message);
  }

  /** A Kubernetes API error, answered as a v1 Status. */
  private static final class StatusError extends RuntimeException {
    final int code;
    final String reason;

    StatusError(int code, String reason, String message) {
      super(message);
      this.code = code;
      this.reason = reason;
    }
  }
}
