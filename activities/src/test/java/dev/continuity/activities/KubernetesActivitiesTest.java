package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.KubernetesActions;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scaling workloads of an AKS cluster: kubeconfig from (canned) ARM, Kubernetes API from fabric8's mock server. */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesActivitiesTest {
  static final String CLUSTER = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.ContainerService/managedClusters/aks-west";

  KubernetesMockServer server;
  KubernetesClient client;
  CannedArm arm;
  ActivityHarness harness;
  KubernetesActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new KubernetesActivities(harness.clients));
    actions = harness.stub(KubernetesActions.class);
    String kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: aks-west
          cluster:
            server: %s
        contexts:
        - name: aks-west
          context: {cluster: aks-west, user: clusterUser_rg-ai_aks-west, namespace: default}
        current-context: aks-west
        users:
        - name: clusterUser_rg-ai_aks-west
          user: {token: not-a-real-token}
        """.formatted(client.getMasterUrl().toString());
    String creds = "{\"kubeconfigs\":[{\"name\":\"clusterUser\",\"value\":\""
        + Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8)) + "\"}]}";
    arm.on("POST", CLUSTER + "/listClusterUserCredential", CannedArm.ok(creds));
    arm.on("POST", CLUSTER + "/listClusterAdminCredential", CannedArm.ok(creds));
    client.apps().deployments().inNamespace("airflow").resource(new DeploymentBuilder().withNewMetadata().withName("airflow-scheduler")
        .endMetadata().withNewSpec().withReplicas(0).endSpec().build()).create();
    client.apps().statefulSets().inNamespace("airflow").resource(new StatefulSetBuilder().withNewMetadata().withName("airflow-worker")
        .endMetadata().withNewSpec().withReplicas(0).endSpec().build()).create();
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static Map<String, Object> scale(String workload, int replicas) {
    return Map.of("namespace", "airflow", "workload", workload, "replicas", replicas);
  }

  @Test
  void scalesTheAirflowSchedulerOnceWithTheUserCredentialsFromArm() {
    ActionResult first = actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload", "aks", CLUSTER,
        scale("deployment/airflow-scheduler", 2)));
    ActionResult second = actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload", "aks", CLUSTER,
        scale("deployment/airflow-scheduler", 2)));

    assertTrue(first.changed(), first.message());
    assertFalse(second.changed(), second.message());
    assertEquals(2, client.apps().deployments().inNamespace("airflow").withName("airflow-scheduler").get().getSpec().getReplicas());
    CannedArm.Recorded creds = arm.requests("POST").get(0);
    assertEquals(CLUSTER + "/listClusterUserCredential", creds.path());
    assertEquals("2025-05-01", creds.apiVersion());
  }

  @Test
  void scalesAStatefulSetWithAdminCredentials() {
    actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload", "aks", CLUSTER,
        Map.of("namespace", "airflow", "workload", "StatefulSet/airflow-worker", "replicas", "3", "credentials", "admin")));

    assertEquals(3, client.apps().statefulSets().inNamespace("airflow").withName("airflow-worker").get().getSpec().getReplicas());
    assertEquals(CLUSTER + "/listClusterAdminCredential", arm.requests("POST").get(0).path());
  }

  @Test
  void missingWorkloadFailsForGood() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload",
        "aks", CLUSTER, scale("deployment/nope", 1))));

    assertEquals(ArmFailures.NOT_FOUND, f.getType());
    assertTrue(f.isNonRetryable());
  }

  @Test
  void badWorkloadNameFailsBeforeAnyCall() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload",
        "aks", CLUSTER, scale("daemonset/x", 1))));

    assertEquals("InvalidParameter", f.getType());
    assertTrue(arm.requests().isEmpty());
  }

  @Test
  void forbiddenByKubernetesRbacIsNotRetried() {
    server.expect().get().withPath("/apis/apps/v1/namespaces/locked/deployments/app")
        .andReturn(403, new StatusBuilder().withCode(403).withMessage("forbidden: User cannot get deployments").build()).always();

    ApplicationFailure f = ActivityHarness.failure(() -> actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload",
        "aks", CLUSTER, Map.of("namespace", "locked", "workload", "deployment/app", "replicas", 1))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.isNonRetryable());
    assertTrue(f.getOriginalMessage().contains("deployments/scale"), f.getOriginalMessage());
  }

  @Test
  void apiServerErrorIsRetryable() {
    server.expect().get().withPath("/apis/apps/v1/namespaces/flaky/deployments/app")
        .andReturn(500, new StatusBuilder().withCode(500).withMessage("etcd timeout").build()).always();

    ApplicationFailure f = ActivityHarness.failure(() -> actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload",
        "aks", CLUSTER, Map.of("namespace", "flaky", "workload", "deployment/app", "replicas", 1))));

    assertEquals(ArmFailures.SERVER_ERROR, f.getType());
    assertFalse(f.isNonRetryable());
  }

  @Test
  void armRefusingTheCredentialsNamesTheAzureRole() {
    arm.on("POST", CLUSTER + "/listClusterUserCredential", CannedArm.status(403, Map.of(),
        CannedArm.armError("AuthorizationFailed", "no listClusterUserCredential")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.scaleWorkload(ActivityHarness.request("kubernetes.scaleWorkload",
        "aks", CLUSTER, scale("deployment/airflow-scheduler", 1))));

    assertEquals(ArmFailures.AUTHORIZATION_FAILED, f.getType());
    assertTrue(f.getOriginalMessage().contains("Cluster User Role"), f.getOriginalMessage());
  }
}
