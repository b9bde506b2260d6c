package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.emulator.ArmEmulator;
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
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator hands out a kubeconfig for fabric8's mock API server; the action scales through it. */
@EnableKubernetesMockClient(crud = true, https = false)
class EmulatorKubernetesTest {
  static final String AKS = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/"
      + "Microsoft.ContainerService/managedClusters/aks-west";

  KubernetesClient client;
  ArmEmulator emulator;
  TestActivityEnvironment env;

  @BeforeEach
  void start() {
    Map<String, Resource> res = Map.of("aks", new Resource("aks", ResourceKinds.AKS, AKS, "westus2",
        Map.of("apiServer", client.getMasterUrl().toString())));
    emulator = ArmEmulator.start(0, null, 0, new Inventory("demo", List.of("centralus"), Map.of(), List.of(
        new Stamp("airflow", "eastus2", "westus2", Targets.DEFAULT, List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT,
            Duration.ofMinutes(30), res))));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(AzureActivities.all(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0)).toArray());
    client.apps().deployments().inNamespace("airflow").resource(new DeploymentBuilder().withNewMetadata().withName("airflow-scheduler")
        .endMetadata().withNewSpec().withReplicas(0).endSpec().build()).create();
  }

  @AfterEach
  void stop() {
    env.close();
    emulator.stop();
  }

  @Test
  void warmsTheAirflowSchedulerOfTheSecondaryCluster() {
    KubernetesActions k8s = env.newActivityStub(KubernetesActions.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1)).setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
    ActionRequest scale = new ActionRequest("op-1", "scheduler", "kubernetes.scaleWorkload",
        new ResourceRef("aks", ResourceKinds.AKS, AKS, "westus2", Map.of()),
        Map.of("namespace", "airflow", "workload", "deployment/airflow-scheduler", "replicas", 2), "airflow", "eastus2", "westus2", true);

    assertTrue(k8s.scaleWorkload(scale).changed());
    assertFalse(k8s.scaleWorkload(scale).changed());
    assertEquals(2, client.apps().deployments().inNamespace("airflow").withName("airflow-scheduler").get().getSpec().getReplicas());
  }
}
