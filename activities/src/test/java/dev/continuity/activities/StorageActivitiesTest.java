package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static dev.continuity.activities.CannedArm.example;
import static dev.continuity.activities.CannedArm.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.StorageActions;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageActivitiesTest {
  static final String ACCOUNT = "/subscriptions/" + SUB + "/resourceGroups/rg-ai/providers/Microsoft.Storage/storageAccounts/stai";
  static final String OP_PATH = "/subscriptions/" + SUB + "/providers/Microsoft.Storage/locations/westus2/asyncoperations/op-9";
  static final Instant NOW = Instant.parse("2026-11-21T18:00:00Z");

  CannedArm arm;
  ActivityHarness harness;
  StorageActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new StorageActivities(harness.clients, harness.config, Clock.fixed(NOW, ZoneOffset.UTC)));
    actions = harness.stub(StorageActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  /** Azure's geoReplicationStats example, with our regions and a last sync time. */
  static String account(String primary, String secondary, String lastSync, boolean canFailover) {
    ObjectNode body = example("storage/2026-09-01/StorageAccountGetPropertiesGeoReplicationStatscanFailoverFalse.json", "200");
    body.put("id", ACCOUNT).put("name", "stai").put("location", primary);
    ObjectNode props = (ObjectNode) body.path("properties");
    props.put("primaryLocation", primary).put("secondaryLocation", secondary);
    ObjectNode stats = (ObjectNode) props.path("geoReplicationStats");
    stats.put("lastSyncTime", lastSync).put("canFailover", canFailover).put("canPlannedFailover", canFailover);
    return json(body);
  }

  static ActionRequest failover(boolean planned) {
    return ActivityHarness.request("storage.failover", new ResourceRef("st", "storageAccount", ACCOUNT, "eastus2", Map.of()),
        Map.of(), "eastus2", "westus2", planned);
  }

  @Test
  void unplannedFailoverPollsLocationUntilDone() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account("eastus2", "westus2", "2026-11-21T17:59:30Z", true)),
        CannedArm.ok(account("westus2", null, "2026-11-21T17:59:30Z", false)));
    arm.on("POST", ACCOUNT + "/failover", CannedArm.accepted(Map.of("Location", arm.url(OP_PATH + "?monitor=true"), "Retry-After", "0")));
    arm.on("GET", OP_PATH, CannedArm.accepted(Map.of("Retry-After", "0")), CannedArm.accepted(Map.of("Retry-After", "0")),
        CannedArm.status(200, Map.of(), ""));

    ActionResult result = actions.failover(failover(false));

    assertTrue(result.changed(), result.message());
    var post = arm.requests("POST");
    assertEquals(1, post.size(), arm.requests().toString());
    assertEquals("2024-01-01", post.get(0).apiVersion());
    assertFalse(post.get(0).query().containsKey("failoverType"), "unplanned failover sends no failoverType");
    assertEquals(3, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
    assertEquals("geoReplicationStats", arm.requests("GET").get(0).query().get("$expand"));
  }

  @Test
  void plannedFailoverSaysSo() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account("eastus2", "westus2", "2026-11-21T17:59:30Z", true)),
        CannedArm.ok(account("westus2", "eastus2", "2026-11-21T17:59:30Z", true)));
    arm.on("POST", ACCOUNT + "/failover", CannedArm.status(200, Map.of(), ""));

    actions.failover(failover(true));

    assertEquals("Planned", arm.requests("POST").get(0).query().get("failoverType"));
  }

  @Test
  void accountAlreadyFailedOverChangesNothing() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account("westus2", "eastus2", "2026-11-21T17:59:30Z", true)));

    ActionResult result = actions.failover(failover(false));

    assertFalse(result.changed());
    assertTrue(arm.mutations().isEmpty());
  }

  @Test
  void resumesTheRecordedOperationAfterACrash() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account("westus2", null, "2026-11-21T17:59:30Z", false)));
    arm.on("GET", OP_PATH, CannedArm.accepted(Map.of("Retry-After", "0")), CannedArm.status(200, Map.of(), ""));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("storage.failover", ACCOUNT, arm.url(OP_PATH), OperationCheckpoint.LOCATION));

    ActionResult result = actions.failover(failover(false));

    assertTrue(result.changed());
    assertTrue(arm.mutations().isEmpty(), arm.requests().toString());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void throttledPollIsPolledAgain() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account("westus2", null, "2026-11-21T17:59:30Z", false)));
    arm.on("GET", OP_PATH, CannedArm.status(429, Map.of("Retry-After", "0"), ""), CannedArm.status(200, Map.of(), ""));
    harness.env.setHeartbeatDetails(new OperationCheckpoint("storage.failover", ACCOUNT, arm.url(OP_PATH), OperationCheckpoint.LOCATION));

    assertTrue(actions.failover(failover(false)).changed());
    assertEquals(2, arm.requests().stream().filter(r -> r.path().equals(OP_PATH)).count());
  }

  @Test
  void readLastSyncReportsTheDataLossWindow() {
    arm.on("GET", ACCOUNT, CannedArm.ok(account("eastus2", "westus2", "2026-11-21T17:58:45Z", true)));

    ActionResult result = actions.readLastSync(ActivityHarness.request("storage.readLastSync", "storageAccount", ACCOUNT, Map.of()));

    assertFalse(result.changed());
    assertEquals(75L, ((Number) result.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).longValue());
    assertEquals("2026-11-21T17:58:45Z", result.facts().get(Facts.LAST_SYNC_TIME));
    assertEquals(Boolean.TRUE, result.facts().get("canFailover"));
  }

  @Test
  void failoverWithoutTargetRegionFailsForGood() {
    ApplicationFailure f = ActivityHarness.failure(() -> actions.failover(ActivityHarness.request("storage.failover",
        new ResourceRef("st", "storageAccount", ACCOUNT, "eastus2", Map.of()), Map.of(), "eastus2", null, false)));
    assertTrue(f.isNonRetryable());
    assertTrue(arm.requests().isEmpty());
  }

  static String withSku(String accountJson, String sku, String geoStatus) throws Exception {
    ObjectNode body = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(accountJson);
    body.putObject("sku").put("name", sku);
    ObjectNode props = (ObjectNode) body.path("properties");
    if (geoStatus == null) {
      props.remove("geoReplicationStats");
      props.remove("secondaryLocation");
    } else {
      ((ObjectNode) props.path("geoReplicationStats")).put("status", geoStatus);
    }
    return json(body);
  }

  static ActionRequest restore() {
    return ActivityHarness.request("storage.restoreGeoRedundancy", new ResourceRef("st", "storageAccount", ACCOUNT, "eastus2", Map.of()),
        Map.of(), "westus2", "eastus2", true);
  }

  @Test
  void restoreGeoRedundancyPatchesTheSkuThenWaitsForLiveReplication() throws Exception {
    String lrs = withSku(account("westus2", null, "2026-11-21T17:59:30Z", false), "Standard_LRS", null);
    arm.on("GET", ACCOUNT, CannedArm.ok(lrs),
        CannedArm.ok(withSku(account("westus2", "eastus2", "2026-11-21T17:59:30Z", false), "Standard_RAGRS", "Bootstrap")),
        CannedArm.ok(withSku(account("westus2", "eastus2", "2026-11-21T17:59:30Z", true), "Standard_RAGRS", "Live")));
    arm.on("PATCH", ACCOUNT, CannedArm.ok(withSku(account("westus2", "eastus2", "2026-11-21T17:59:30Z", false), "Standard_RAGRS", "Bootstrap")));

    ActionResult result = actions.restoreGeoRedundancy(restore());

    assertTrue(result.changed(), result.message());
    var patch = arm.requests("PATCH");
    assertEquals(1, patch.size());
    assertEquals("Standard_RAGRS", new com.fasterxml.jackson.databind.ObjectMapper().readTree(patch.get(0).body()).path("sku").path("name").asText());
    assertEquals(3, arm.requests("GET").size(), "observed, then polled until Live");
  }

  @Test
  void restoreGeoRedundancyChangesNothingWhenAlreadyLive() throws Exception {
    arm.on("GET", ACCOUNT, CannedArm.ok(withSku(account("westus2", "eastus2", "2026-11-21T17:59:30Z", true), "Standard_RAGRS", "Live")));

    ActionResult result = actions.restoreGeoRedundancy(restore());

    assertFalse(result.changed(), result.message());
    assertTrue(arm.requests("PATCH").isEmpty());
  }
}
