package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replication lag makes the data loss of an unplanned failover measurable, and readable beforehand. */
class ReplicationLagTest extends EmulatorTestBase {

  @BeforeEach
  void startWithLag() {
    start(0);
    control.lag(30, null);
  }

  @Test
  void storageLastSyncTimeTrailsByTheLagAndFreezesWhenThePrimaryGoesDown() {
    Instant before = Instant.now();
    Instant lastSync = lastSync();
    assertTrue(Duration.between(lastSync, before).toMillis() >= 29_000 && Duration.between(lastSync, Instant.now()).toMillis() <= 31_000,
        "lastSyncTime " + lastSync + " should trail now by about 30 s");
    control.outage("eastus2");
    Instant frozen = lastSync();
    Arm.sleep(300);
    assertEquals(frozen, lastSync(), "no writes reach the secondary once the primary is down");
  }

  @Test
  void unplannedStorageFailoverRecordsTheDataLossWindow() {
    control.outage("eastus2");
    Arm.Reply r = arm.send("POST", STORAGE + "/failover", null);
    arm.awaitLocation(r.header("Location").orElseThrow());
    List<JsonNode> entries = journal("staiplatform", "storage.failover");
    assertEquals(1, entries.size());
    assertEquals(30.0, entries.get(0).path("dataLossSeconds").asDouble(), 0.01);
  }

  @Test
  void cosmosExposesTheLagAndAForcedFailoverLosesIt() {
    control.lag(12.5, COSMOS);
    JsonNode rep = arm.get(COSMOS).json().path("properties").path("emulatorReplication");
    assertEquals(12.5, rep.path("lagSeconds").asDouble(), 0.001);
    assertEquals(12.5, rep.path("expectedDataLossSeconds").asDouble(), 0.001);
    control.outage("eastus2");
    Arm.Reply r = arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2"));
    arm.awaitLocation(r.header("Location").orElseThrow());
    JsonNode entry = journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").get(0);
    assertEquals(12.5, entry.path("dataLossSeconds").asDouble(), 0.001);
  }

  @Test
  void aPlannedFailoverWithBothRegionsUpLosesNothing() {
    Arm.Reply r = arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2"));
    arm.awaitLocation(r.header("Location").orElseThrow());
    assertTrue(journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").get(0).path("dataLossSeconds").isNull());
    Arm.Reply sql = arm.send("POST", SQL_SECONDARY + "/failoverGroups/fg-web-api/failover", null);
    assertEquals(200, arm.awaitLocation(sql.header("Location").orElseThrow()).status());
    assertTrue(journal("sql-web-api-westus", "sql.failover").get(0).path("dataLossSeconds").isNull());
  }

  @Test
  void sqlForcedFailoverAndRedisUnlinkRecordTheLag() {
    control.outage("eastus");
    control.outage("eastus2");
    JsonNode fg = arm.get(SQL_SECONDARY + "/failoverGroups/fg-web-api").json().path("properties").path("emulatorReplication");
    assertEquals(30.0, fg.path("expectedDataLossSeconds").asDouble(), 0.01);
    Arm.Reply sql = arm.send("POST", SQL_SECONDARY + "/failoverGroups/fg-web-api/forceFailoverAllowDataLoss", null);
    arm.awaitLocation(sql.header("Location").orElseThrow());
    assertEquals(30.0, journal("sql-web-api-westus", "sql.forceFailoverAllowDataLoss").get(0).path("dataLossSeconds").asDouble(), 0.01);
    Arm.Reply redis = arm.send("DELETE", REDIS_SECONDARY + "/linkedServers/redis-ai-platform-eastus2", null);
    arm.awaitLocation(redis.header("Location").orElseThrow());
    assertEquals(30.0, journal("redis-ai-platform-westus2", "redis.unlink").get(0).path("dataLossSeconds").asDouble(), 0.01);
  }

  private Instant lastSync() {
    return Instant.parse(arm.get(STORAGE + "?$expand=geoReplicationStats").json()
        .path("properties").path("geoReplicationStats").path("lastSyncTime").asText());
  }
}
