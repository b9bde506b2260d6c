package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PostgreSQL and MySQL flexible server replicas: roles, promotion, lag and the journal. */
class FlexibleServerReplicaTest extends EmulatorTestBase {
  static final String PROMOTE_SWITCHOVER = "{\"properties\":{\"replica\":{\"promoteMode\":\"Switchover\",\"promoteOption\":\"%s\"}}}";

  @BeforeEach
  void setUp() {
    start(0);
  }

  private JsonNode props(String id) {
    return arm.get(id).json().path("properties");
  }

  @Test
  void seededAsAGeoReplicaOfThePrimary() {
    assertEquals("Primary", props(PG_PRIMARY).path("replicationRole").asText());
    JsonNode replica = props(PG_REPLICA);
    assertEquals("GeoAsyncReplica", replica.path("replicationRole").asText());
    assertEquals(PG_PRIMARY, replica.path("sourceServerResourceId").asText());
    assertEquals("Source", props(MYSQL_SOURCE).path("replicationRole").asText());
    assertEquals("Replica", props(MYSQL_REPLICA).path("replicationRole").asText());
  }

  @Test
  void switchoverTwiceRestoresTheStartingRoles() {
    JsonNode primaryBefore = props(PG_PRIMARY);
    JsonNode replicaBefore = props(PG_REPLICA);

    Arm.Reply r = arm.send("PATCH", PG_REPLICA, PROMOTE_SWITCHOVER.formatted("Planned"));
    assertEquals(202, r.status());
    assertEquals(200, arm.awaitLocation(r.header("Location").orElseThrow()).status());
    assertEquals("Primary", props(PG_REPLICA).path("replicationRole").asText());
    assertEquals(PG_REPLICA, props(PG_PRIMARY).path("sourceServerResourceId").asText());

    Arm.Reply back = arm.send("PATCH", PG_PRIMARY, PROMOTE_SWITCHOVER.formatted("Planned"));
    arm.awaitLocation(back.header("Location").orElseThrow());
    assertEquals(primaryBefore, props(PG_PRIMARY));
    assertEquals(replicaBefore, props(PG_REPLICA));
  }

  @Test
  void plannedPromotionFailsWhileThePrimaryRegionIsDownAndForcedLosesTheLag() {
    control.outage("eastus");

    Arm.Reply planned = arm.send("PATCH", PG_REPLICA, PROMOTE_SWITCHOVER.formatted("Planned"));
    JsonNode status = arm.awaitAsync(planned.header("Azure-AsyncOperation").orElseThrow());
    assertEquals("Failed", status.path("status").asText());
    assertEquals("SourceServerUnavailable", status.path("error").path("code").asText());
    assertEquals("GeoAsyncReplica", props(PG_REPLICA).path("replicationRole").asText());

    Arm.Reply forced = arm.send("PATCH", PG_REPLICA, PROMOTE_SWITCHOVER.formatted("Forced"));
    assertEquals("Succeeded", arm.awaitAsync(forced.header("Azure-AsyncOperation").orElseThrow()).path("status").asText());
    assertEquals("Primary", props(PG_REPLICA).path("replicationRole").asText());
    var entries = journal(PG_REPLICA, "postgres.promoteSwitchoverForced");
    assertEquals(1, entries.size());
    assertEquals(6.0, entries.get(0).path("dataLossSeconds").asDouble(), 0.5);
  }

  @Test
  void aPrimaryCannotBePromoted() {
    Arm.Reply r = arm.send("PATCH", PG_PRIMARY, PROMOTE_SWITCHOVER.formatted("Forced"));
    assertEquals(400, r.status());
    assertEquals("ServerIsNotReplica", r.json().path("error").path("code").asText());
  }

  @Test
  void stoppingMySqlReplicationLeavesTwoStandaloneServers() {
    Arm.Reply r = arm.send("PATCH", MYSQL_REPLICA, "{\"properties\":{\"replicationRole\":\"None\"}}");
    assertEquals(202, r.status());
    arm.awaitLocation(r.header("Location").orElseThrow());
    assertEquals("None", props(MYSQL_REPLICA).path("replicationRole").asText());
    assertFalse(props(MYSQL_REPLICA).has("sourceServerResourceId"));
    assertEquals("None", props(MYSQL_SOURCE).path("replicationRole").asText());
    assertEquals(1, journal(MYSQL_REPLICA, "mysql.stopReplication").size());
  }

  @Test
  void replicaLagMetricIsServedInSecondsOnTheReplicaOnly() {
    JsonNode m = arm.get(PG_REPLICA + "/providers/Microsoft.Insights/metrics?metricnames=physical_replication_delay_in_seconds"
        + "&aggregation=Maximum").json();
    assertEquals("Seconds", m.path("value").path(0).path("unit").asText());
    assertEquals(6.0, m.path("value").path(0).path("timeseries").path(0).path("data").path(0).path("maximum").asDouble(), 0.001);
    JsonNode primary = arm.get(PG_PRIMARY + "/providers/Microsoft.Insights/metrics?metricnames=physical_replication_delay_in_seconds").json();
    assertTrue(primary.path("value").path(0).path("timeseries").path(0).path("data").isEmpty());
    JsonNode mysql = arm.get(MYSQL_REPLICA + "/providers/Microsoft.Insights/metrics?metricnames=replication_lag").json();
    assertEquals(3.0, mysql.path("value").path(0).path("timeseries").path(0).path("data").path(0).path("maximum").asDouble(), 0.001);
  }
}
