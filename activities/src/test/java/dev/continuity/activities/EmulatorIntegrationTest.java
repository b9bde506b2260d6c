package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpHeaderName;
import com.azure.resourcemanager.cosmos.models.FailoverPolicies;
import com.azure.resourcemanager.cosmos.models.FailoverPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.AksActions;
import dev.continuity.model.actions.CosmosDbActions;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.FrontDoorActions;
import dev.continuity.model.actions.MonitorActions;
import dev.continuity.model.actions.ProbeActions;
import dev.continuity.model.actions.StorageActions;
import dev.continuity.model.actions.TrafficManagerActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The actions, on the real SDK clients, against the ARM emulator of the emulator module. */
class EmulatorIntegrationTest {
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-ai-platform/providers/";
  static final String TM = RG + "Microsoft.Network/trafficmanagerprofiles/tm-ai-platform";
  static final String FD = RG + "Microsoft.Cdn/profiles/fd-ai-platform";
  static final String COSMOS = RG + "Microsoft.DocumentDB/databaseAccounts/cosmos-ai-platform";
  static final String STORAGE = RG + "Microsoft.Storage/storageAccounts/staiplatform";
  static final String AKS = RG + "Microsoft.ContainerService/managedClusters/aks-ai-platform-westus2";
  static final String ALERT = RG + "Microsoft.Insights/metricAlerts/alert-ai-platform-5xx";

  ArmEmulator emulator;
  EmulatorClient control;
  TestActivityEnvironment env;
  AzureClients clients;

  static Inventory inventory() {
    Map<String, Resource> ai = new LinkedHashMap<>();
    ai.put("tm", new Resource("tm", ResourceKinds.TRAFFIC_MANAGER, TM, null, Map.of()));
    ai.put("frontdoor", new Resource("frontdoor", ResourceKinds.FRONT_DOOR, FD, null, Map.of("originGroup", "default")));
    ai.put("cosmos", new Resource("cosmos", ResourceKinds.COSMOS_DB, COSMOS, null, Map.of("replicationLagSeconds", 4)));
    ai.put("storage", new Resource("storage", ResourceKinds.STORAGE_ACCOUNT, STORAGE, null, Map.of("replicationLagSeconds", 30)));
    ai.put("aks", new Resource("aks", ResourceKinds.AKS, AKS, "westus2", Map.of("agentPool", "nodepool1", "count", 1)));
    ai.put("alerts", new Resource("alerts", ResourceKinds.ALERT_RULE, ALERT, null, Map.of()));
    ai.put("health", new Resource("health", ResourceKinds.HEALTH_PROBE, null, null, health()));
    Stamp stamp = new Stamp("ai-platform", "eastus2", "westus2", Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
        ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), ai);
    return new Inventory("demo", List.of("centralus"), Map.of("dr-leads", List.of("alice@contoso.com")), List.of(stamp));
  }

  static Map<String, Object> health() {
    return Map.of("endpoints", Map.of("eastus2", "http://ai-platform-eastus2.example.test/health",
            "westus2", "http://ai-platform-westus2.example.test/health"),
        "vantagePoints", List.of("centralus", "westus3", "northeurope"));
  }

  void start(double timeScale) {
    emulator = ArmEmulator.start(0, null, timeScale, inventory());
    control = new EmulatorClient(emulator.baseUrl());
    ActivitiesConfig config = ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0.001);
    clients = new AzureClients(config);
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(AzureActivities.all(config, clients).toArray());
  }

  @AfterEach
  void stop() {
    if (env != null) env.close();
    if (emulator != null) emulator.stop();
  }

  <T> T stub(Class<T> iface) {
    return env.newActivityStub(iface, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
  }

  static ActionRequest step(String action, String kind, String id, Map<String, Object> params) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, kind, id, null, Map.of()), params,
        "ai-platform", "eastus2", "westus2", false);
  }

  int journal(String resource, String operation) {
    JsonNode entries = control.journal(resource, operation).path("entries");
    return entries.size();
  }

  /** Runs an action twice: the first changes the estate, the second finds it done. */
  void twice(String name, Function<Void, ActionResult> action) {
    ActionResult first = action.apply(null);
    assertTrue(first.changed(), name + ": " + first.message());
    ActionResult second = action.apply(null);
    assertFalse(second.changed(), name + " a second time: " + second.message());
  }

  @Test
  void failsTheAiPlatformOverOnceAndOnlyOnce() {
    start(0);
    ProbeActions probes = stub(ProbeActions.class);
    ActionRequest probe = new ActionRequest("op-1", "verify", "probe.regionDown",
        new ResourceRef("health", ResourceKinds.HEALTH_PROBE, null, null, health()), Map.of("region", "eastus2"),
        "ai-platform", "eastus2", "westus2", false);
    assertEquals(false, probes.regionDown(probe).facts().get(Facts.OUTAGE_CONFIRMED), "a healthy region is not down");

    control.outage("eastus2");
    assertEquals(true, probes.regionDown(probe).facts().get(Facts.OUTAGE_CONFIRMED), "every vantage point sees eastus2 down");

    CosmosDbActions cosmos = stub(CosmosDbActions.class);
    StorageActions storage = stub(StorageActions.class);
    ActionResult lastSync = storage.readLastSync(step("storage.readLastSync", ResourceKinds.STORAGE_ACCOUNT, STORAGE, Map.of()));
    assertNotNull(lastSync.facts().get(Facts.LAST_SYNC_TIME), lastSync.message());
    long storageLoss = ((Number) lastSync.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).longValue();
    // the inventory's 30 s of lag, plus the seconds since the outage stopped replication
    assertTrue(storageLoss >= 29 && storageLoss <= 60, "storage data-loss window: " + storageLoss);

    twice("cosmos.setWriteRegion", v -> cosmos.setWriteRegion(step("cosmos.setWriteRegion", ResourceKinds.COSMOS_DB, COSMOS,
        Map.of("region", "westus2"))));
    twice("trafficManager.setEndpointPriority", v -> stub(TrafficManagerActions.class).setEndpointPriority(
        step("trafficManager.setEndpointPriority", ResourceKinds.TRAFFIC_MANAGER, TM, Map.of("endpoint", "westus2", "priority", 1))));
    twice("frontDoor.setOriginEnabled", v -> stub(FrontDoorActions.class).setOriginEnabled(
        step("frontDoor.setOriginEnabled", ResourceKinds.FRONT_DOOR, FD, Map.of("originGroup", "default", "origin", "eastus2", "enabled", false))));
    twice("storage.failover", v -> storage.failover(step("storage.failover", ResourceKinds.STORAGE_ACCOUNT, STORAGE, Map.of())));
    twice("aks.scaleAgentPool", v -> stub(AksActions.class).scaleAgentPool(
        step("aks.scaleAgentPool", ResourceKinds.AKS, AKS, Map.of("agentPool", "nodepool1", "count", 3))));
    twice("monitor.setAlertRuleEnabled", v -> stub(MonitorActions.class).setAlertRuleEnabled(
        step("monitor.setAlertRuleEnabled", ResourceKinds.ALERT_RULE, ALERT, Map.of("enabled", false))));

    assertEquals(1, journal(COSMOS, "cosmos.failoverPriorityChange"));
    // park eastus2, westus2 -> 1, eastus2 -> 2: priorities are unique in a profile; the second run adds none
    assertEquals(3, journal(TM, "trafficManager.updateEndpoint"));
    assertEquals(1, journal(FD, "frontDoor.updateOrigin"));
    assertEquals(1, journal(STORAGE, "storage.failover"));
    assertEquals(1, journal(AKS, "aks.updateAgentPool"));
    assertEquals(1, journal(ALERT, "monitor.updateAlertRule"));
  }

  @Test
  void anAttemptRetriedAfterACrashPollsTheSameOperation() {
    start(0.02); // a Cosmos failover (minutes in Azure) takes a few seconds here
    // the first attempt sent the request, heartbeated its status URL, and its worker died
    var response = clients.cosmos(SUB).serviceClient().getDatabaseAccounts().failoverPriorityChangeWithResponseAsync(
        "rg-ai-platform", "cosmos-ai-platform", new FailoverPolicies().withFailoverPolicies(List.of(
            new FailoverPolicy().withLocationName("westus2").withFailoverPriority(0),
            new FailoverPolicy().withLocationName("eastus2").withFailoverPriority(1)))).block();
    assertEquals(202, response.getStatusCode());
    String statusUrl = response.getHeaders().getValue(HttpHeaderName.fromString("Azure-AsyncOperation"));
    assertNotNull(statusUrl);
    response.getValue().blockLast();
    env.setHeartbeatDetails(new OperationCheckpoint("cosmos.setWriteRegion", COSMOS, statusUrl, OperationCheckpoint.ASYNC_OPERATION));

    ActionResult result = stub(CosmosDbActions.class).setWriteRegion(step("cosmos.setWriteRegion", ResourceKinds.COSMOS_DB, COSMOS,
        Map.of("region", "westus2")));

    assertTrue(result.changed(), result.message());
    assertEquals(1, journal(COSMOS, "cosmos.failoverPriorityChange"), "one failover, not two");
  }
}
