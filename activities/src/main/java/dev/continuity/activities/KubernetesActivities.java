package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.CredentialResultsInner;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.KubernetesActions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Workloads inside an AKS cluster. The kubeconfig comes from ARM (listClusterUserCredential, or the
 * admin one) at each call and is never stored or logged; the fabric8 client then speaks to the
 * cluster's API server.
 */
public final class KubernetesActivities implements KubernetesActions {
  static final String ARM_ROLE = "Azure Kubernetes Service Cluster User Role (Cluster Admin Role for admin credentials) on the cluster";
  static final String K8S_ROLE = "a Kubernetes role that may patch deployments/scale and statefulsets/scale in the namespace";

  private final AzureClients clients;

  public KubernetesActivities(AzureClients clients) {
    this.clients = clients;
  }

  @Override
  public ActionResult scaleWorkload(ActionRequest request) {
    return BestEffort.run(request, clients.config(), "not scaled", () -> scale(request));
  }

  private ActionResult scale(ActionRequest request) {
    ArmId cluster = ArmId.of(request);
    String namespace = Params.string(request, "namespace");
    String workload = Params.string(request, "workload");
    int replicas = Params.integer(request, "replicas", 0, 10_000);
    String credentials = Params.optionalString(request, "credentials");
    boolean admin = credentials != null && credentials.equalsIgnoreCase("admin");
    if (credentials != null && !admin && !credentials.equalsIgnoreCase("user")) {
      throw Params.bad(request, "credentials", "must be user or admin, got '" + credentials + "'");
    }
    int slash = workload.indexOf('/');
    String kind = slash < 0 ? "" : workload.substring(0, slash).toLowerCase(Locale.ROOT);
    String name = slash < 0 ? "" : workload.substring(slash + 1);
    if (!(kind.equals("deployment") || kind.equals("statefulset")) || name.isBlank()) {
      throw Params.bad(request, "workload", "must be deployment/<name> or statefulset/<name>, got '" + workload + "'");
    }
    String where = cluster.name() + ":" + namespace + "/" + workload;

    try (KubernetesClient k8s = connect(cluster, admin)) {
      Integer before = current(k8s, kind, namespace, name, where);
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("replicas", replicas);
      if (before != null && before == replicas) {
        return new ActionResult(false, where + " already has " + replicas + " replicas", facts);
      }
      if (kind.equals("deployment")) {
        k8s.apps().deployments().inNamespace(namespace).withName(name).scale(replicas);
      } else {
        k8s.apps().statefulSets().inNamespace(namespace).withName(name).scale(replicas);
      }
      Integer after = current(k8s, kind, namespace, name, where);
      if (after == null || after != replicas) {
        throw AzureCall.notConverged(where + " has " + after + " replicas after scaling to " + replicas);
      }
      return new ActionResult(true, where + " scaled " + before + " -> " + replicas, facts);
    } catch (KubernetesClientException e) {
      throw translate(e, where);
    }
  }

  private KubernetesClient connect(ArmId cluster, boolean admin) {
    ManagedClustersClient clusters = clients.aks(cluster.subscription()).serviceClient().getManagedClusters();
    CredentialResultsInner creds = AzureCall.run(cluster.id(), ARM_ROLE, () -> admin
        ? clusters.listClusterAdminCredentialsWithResponse(cluster.resourceGroup(), cluster.name(), null, Context.NONE).getValue()
        : clusters.listClusterUserCredentialsWithResponse(cluster.resourceGroup(), cluster.name(), null, null, Context.NONE).getValue());
    if (creds == null || creds.kubeconfigs() == null || creds.kubeconfigs().isEmpty() || creds.kubeconfigs().get(0).value() == null) {
      throw ApplicationFailure.newNonRetryableFailure("ARM returned no kubeconfig for " + cluster.name(), ArmFailures.INVALID_REQUEST);
    }
    String kubeconfig = new String(creds.kubeconfigs().get(0).value(), StandardCharsets.UTF_8);
    Config config = Config.fromKubeconfig(kubeconfig);
    // Kubernetes calls fail fast into Temporal's retry policy rather than retrying inside one attempt.
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static Integer current(KubernetesClient k8s, String kind, String namespace, String name, String where) {
    if (kind.equals("deployment")) {
      Deployment d = k8s.apps().deployments().inNamespace(namespace).withName(name).get();
      if (d == null) throw notFound(where);
      return d.getSpec() == null ? null : d.getSpec().getReplicas();
    }
    StatefulSet s = k8s.apps().statefulSets().inNamespace(namespace).withName(name).get();
    if (s == null) throw notFound(where);
    return s.getSpec() == null ? null : s.getSpec().getReplicas();
  }

  private static ApplicationFailure notFound(String where) {
    return ApplicationFailure.newNonRetryableFailure("No such workload in the cluster: " + where, ArmFailures.NOT_FOUND);
  }

  private static RuntimeException translate(KubernetesClientException e, String where) {
    int code = e.getCode();
    if (code == 401 || code == 403) {
      return ApplicationFailure.newBuilder().setType(ArmFailures.AUTHORIZATION_FAILED).setNonRetryable(true)
          .setMessage(ArmFailures.AUTHORIZATION_FAILED + " on " + where + ": the worker's identity needs " + K8S_ROLE
              + " (HTTP " + code + ": " + e.getStatus().getMessage() + ")")
          .build();
    }
    if (code == 404) return notFound(where);
    if (code == 429) {
      return ApplicationFailure.newBuilder().setType(ArmFailures.THROTTLED).setMessage("the API server throttled " + where)
          .setNextRetryDelay(java.time.Duration.ofSeconds(5)).build();
    }
    if (code >= 400 && code < 500 && code != 409) {
      return ApplicationFailure.newBuilder().setType(ArmFailures.INVALID_REQUEST).setNonRetryable(true)
          .setMessage("the API server rejected the change of " + where + " (HTTP " + code + ": " + e.getMessage() + ")").build();
    }
    // 5xx, 409 conflicts and connection failures (code 0) clear by themselves.
    return ApplicationFailure.newFailureWithCause("the API server failed on " + where + ": " + e.getMessage(),
        code == 0 ? ArmFailures.UNREACHABLE : ArmFailures.SERVER_ERROR, null);
  }
}
