package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.KubernetesActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kubernetes.scaleWorkload through the fabric8 client against the emulator's own Kubernetes API, the
 * one the kubeconfig of an emulated cluster points at when the inventory names no API server.
 */
class EmulatorAksWorkloadsTest extends EmulatedActionsTest {
  static final String AKS = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-airflow/providers/"
      + "Microsoft.ContainerService/managedClusters/aks-airflow-westus3";

  @Override
  Inventory inventory() {
    Map<String, Resource> res = Map.of("aks", new Resource("aks", ResourceKinds.AKS, AKS, "westus3", Map.of("workloads",
        Map.of("airflow/deployment/airflow-scheduler", 0, "airflow/statefulset/airflow-worker", 1))));
    return new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("airflow", "eastus2", "westus3", Targets.DEFAULT,
        List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), res)));
  }

  static ActionRequest scale(String workload, int replicas) {
    return new ActionRequest("op-1", "scale", "kubernetes.scaleWorkload", new ResourceRef("aks", ResourceKinds.AKS, AKS, "westus3", Map.of()),
        Map.of("namespace", "airflow", "workload", workload, "replicas", replicas), "airflow", "eastus2", "westus3", false);
  }

  int replicas(String kind, String name) {
    return control.state().path("resources").path(AKS.substring(1).toLowerCase() + "/workloads/airflow." + kind + "." + name)
        .path("workload").path("spec").path("replicas").asInt(-1);
  }

  @Test
  void scalesDeploymentsAndStatefulSetsOnceEach() {
    KubernetesActions k8s = stub(KubernetesActions.class);

    assertTrue(k8s.scaleWorkload(scale("deployment/airflow-scheduler", 2)).changed());
    assertFalse(k8s.scaleWorkload(scale("deployment/airflow-scheduler", 2)).changed(), "a repeat scales nothing");
    assertTrue(k8s.scaleWorkload(scale("statefulset/airflow-worker", 4)).changed());

    assertEquals(2, replicas("deployment", "airflow-scheduler"));
    assertEquals(4, replicas("statefulset", "airflow-worker"));
    assertEquals(1, control.journal("airflow.deployment.airflow-scheduler", "kubernetes.scale").path("entries").size());
  }

  @Test
  void anUnknownWorkloadFailsForGood() {
    ActivityFailure f = assertThrows(ActivityFailure.class,
        () -> stub(KubernetesActions.class).scaleWorkload(scale("deployment/airflow-triggerer", 1)));
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    assertEquals(ArmFailures.NOT_FOUND, cause.getType());
    assertTrue(cause.isNonRetryable());
  }

  @Test
  void aClusterInADownRegionIsRetriedNotGivenUp() {
    control.outage("westus3");
    ActivityFailure f = assertThrows(ActivityFailure.class,
        () -> stub(KubernetesActions.class).scaleWorkload(scale("deployment/airflow-scheduler", 2)));
    assertFalse(((ApplicationFailure) f.getCause()).isNonRetryable(), f.getCause().getMessage());
    assertEquals(0, replicas("deployment", "airflow-scheduler"));
  }

  @Test
  void bestEffortSkipsAnUnreachableClusterButNotAMistake() {
    KubernetesActions k8s = stub(KubernetesActions.class);
    ActionRequest up = withParam(scale("deployment/airflow-scheduler", 3), "bestEffort", true);
    assertTrue(k8s.scaleWorkload(up).changed(), "a reachable cluster is scaled as usual");

    control.outage("westus3");
    var skipped = k8s.scaleWorkload(withParam(scale("deployment/airflow-scheduler", 0), "bestEffort", true));
    assertFalse(skipped.changed(), skipped.message());
    assertEquals(false, skipped.facts().get("reached"));
    assertEquals(BestEffort.ATTEMPTS, skipped.facts().get("attempts"), "a down region is tried again before it counts as down");
    assertEquals(3, replicas("deployment", "airflow-scheduler"));

    control.restore("westus3");
    ActivityFailure typo = assertThrows(ActivityFailure.class,
        () -> k8s.scaleWorkload(withParam(scale("deployment/airflow-triggerer", 0), "bestEffort", true)));
    assertEquals(ArmFailures.NOT_FOUND, ((ApplicationFailure) typo.getCause()).getType());
  }

  static ActionRequest withParam(ActionRequest r, String name, Object value) {
    Map<String, Object> params = new java.util.LinkedHashMap<>(r.params());
    params.put(name, value);
    return new ActionRequest(r.operationId(), r.stepId(), r.action(), r.target(), params, r.stamp(), r.fromRegion(), r.toRegion(),
        r.planned());
  }
}
