package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.MySqlActions;
import dev.continuity.model.actions.PostgresActions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The PostgreSQL and MySQL replica actions against the ARM emulator, through the production registration. */
class EmulatorDatabaseReplicasTest extends EmulatedActionsTest {
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg-data/providers/";
  static final String PG_EAST = RG + "Microsoft.DBforPostgreSQL/flexibleServers/pg-east";
  static final String PG_WEST = RG + "Microsoft.DBforPostgreSQL/flexibleServers/pg-west";
  static final String MYSQL_EAST = RG + "Microsoft.DBforMySQL/flexibleServers/mysql-east";
  static final String MYSQL_WEST = RG + "Microsoft.DBforMySQL/flexibleServers/mysql-west";


  @Override
  Inventory inventory() {
    Map<String, Resource> data = new LinkedHashMap<>();
    data.put("pg", new Resource("pg", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_EAST, "eastus2", Map.of()));
    data.put("pg-replica", new Resource("pg-replica", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_WEST, "westus2",
        Map.of("sourceServer", "pg", "replicationLagSeconds", 5)));
    data.put("mysql", new Resource("mysql", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_EAST, "eastus2", Map.of()));
    data.put("mysql-replica", new Resource("mysql-replica", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_WEST, "westus2",
        Map.of("sourceServer", "mysql", "replicationLagSeconds", 2)));
    return new Inventory("demo", List.of("centralus"), Map.of("dr-leads", List.of("alice@contoso.com")), List.of(
        new Stamp("data", "eastus2", "westus2", Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
            ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), data)));
  }

  static ActionRequest step(String action, String kind, String id, String region, Map<String, Object> params,
      String from, String to, boolean planned) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, kind, id, region, Map.of()), params, "data", from, to, planned);
  }

  int journal(String resource, String operation) {
    return control.journal(resource, operation).path("entries").size();
  }

  @Test
  void postgresFailsOverForcedWithThePrimaryDownAndFailsBackPlanned() {
    PostgresActions pg = stub(PostgresActions.class);
    control.outage("eastus2");

    ActionResult lag = pg.readReplicationLag(step("postgres.readReplicationLag", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_WEST,
        "westus2", Map.of(), "eastus2", "westus2", false));
    assertEquals(5L, ((Number) lag.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).longValue(), lag.message());

    ActionRequest planned = step("postgres.promoteReplica", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_WEST, "westus2",
        Map.of("option", "planned"), "eastus2", "westus2", true);
    ActivityFailure refused = Assertions.assertThrows(ActivityFailure.class, () -> pg.promoteReplica(planned));
    assertEquals("OperationFailed", ((ApplicationFailure) refused.getCause()).getType());
    assertTrue(refused.getCause().getMessage().contains("SourceServerUnavailable"), refused.getCause().getMessage());

    ActionRequest forced = step("postgres.promoteReplica", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_WEST, "westus2",
        Map.of(), "eastus2", "westus2", false);
    assertTrue(pg.promoteReplica(forced).changed());
    assertFalse(pg.promoteReplica(forced).changed(), "a repeat promotes nothing");
    assertEquals(1, journal(PG_WEST, "postgres.promoteSwitchoverForced"));

    control.restore("eastus2");
    ActionRequest back = step("postgres.promoteReplica", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_EAST, "eastus2",
        Map.of(), "westus2", "eastus2", true);
    assertTrue(pg.promoteReplica(back).changed());
    assertEquals(1, journal(PG_EAST, "postgres.promoteSwitchoverPlanned"));
    ActionResult westAgain = pg.readReplicationLag(step("postgres.readReplicationLag", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_WEST,
        "westus2", Map.of(), "westus2", "eastus2", true));
    assertEquals("GeoAsyncReplica", westAgain.facts().get("replicationRole"));
    assertEquals(PG_EAST, westAgain.facts().get("sourceServer"));
  }

  @Test
  void mysqlReplicationStopsOnceWithThePrimaryDown() {
    MySqlActions mysql = stub(MySqlActions.class);
    control.outage("eastus2");
    ActionRequest read = step("mysql.readReplicationState", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_WEST, "westus2", Map.of(),
        "eastus2", "westus2", false);
    ActionResult state = mysql.readReplicationState(read);
    assertEquals("Replica", state.facts().get("replicationRole"));
    assertEquals(2L, ((Number) state.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).longValue());

    ActionRequest stop = step("mysql.stopReplication", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_WEST, "westus2", Map.of(),
        "eastus2", "westus2", false);
    assertTrue(mysql.stopReplication(stop).changed());
    assertFalse(mysql.stopReplication(stop).changed());
    assertEquals(1, journal(MYSQL_WEST, "mysql.stopReplication"));
    assertEquals("None", mysql.readReplicationState(read).facts().get("replicationRole"));
  }

  @Test
  void mysqlFailbackRebuildsTheReplicaPairAsItWas() {
    MySqlActions mysql = stub(MySqlActions.class);
    String mysqlEast = control.state().path("resources").path(MYSQL_EAST.substring(1).toLowerCase()).toString();
    String mysqlWest = control.state().path("resources").path(MYSQL_WEST.substring(1).toLowerCase()).toString();
    control.outage("eastus2");
    assertTrue(mysql.stopReplication(step("mysql.stopReplication", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_WEST, "westus2",
        Map.of(), "eastus2", "westus2", false)).changed());
    control.restore("eastus2");

    // The stale server may not go while the replica that holds the data still replicates from it...
    ActionRequest dropEast = step("mysql.deleteServer", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_EAST, "eastus2",
        Map.of("replacedBy", "mysql-west"), "westus2", "eastus2", true);
    ActionRequest reseedEast = step("mysql.createReplica", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_EAST, "eastus2",
        Map.of("source", "mysql-west"), "westus2", "eastus2", true);
    ActivityFailure exists = Assertions.assertThrows(ActivityFailure.class, () -> mysql.createReplica(reseedEast));
    assertTrue(exists.getCause().getMessage().contains("delete it first"), exists.getCause().getMessage());

    assertTrue(mysql.deleteServer(dropEast).changed());
    assertFalse(mysql.deleteServer(dropEast).changed(), "a repeat deletes nothing");
    assertTrue(mysql.createReplica(reseedEast).changed());
    assertFalse(mysql.createReplica(reseedEast).changed(), "a replica of the right source is left alone");
    ActionRequest readEast = step("mysql.readReplicationState", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_EAST, "eastus2",
        Map.of(), "westus2", "eastus2", true);
    assertEquals(MYSQL_WEST, mysql.readReplicationState(readEast).facts().get("sourceServer"));

    // ...and the old primary may not go while it is the source of the new replica.
    ActionRequest dropWest = step("mysql.deleteServer", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_WEST, "westus2",
        Map.of("replacedBy", "mysql-east"), "westus2", "eastus2", true);
    ActivityFailure replicating = Assertions.assertThrows(ActivityFailure.class, () -> mysql.deleteServer(dropWest));
    assertEquals(ArmFailures.INVALID_REQUEST, ((ApplicationFailure) replicating.getCause()).getType());

    assertTrue(mysql.stopReplication(step("mysql.stopReplication", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_EAST, "eastus2",
        Map.of(), "westus2", "eastus2", true)).changed());
    assertEquals("None", mysql.readReplicationState(step("mysql.readReplicationState", ResourceKinds.MYSQL_FLEXIBLE_SERVER,
        MYSQL_EAST, "eastus2", Map.of("expectRole", "None"), "westus2", "eastus2", true)).facts().get("replicationRole"));
    assertTrue(mysql.deleteServer(dropWest).changed());
    assertTrue(mysql.createReplica(step("mysql.createReplica", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_WEST, "westus2",
        Map.of("source", MYSQL_EAST), "westus2", "eastus2", true)).changed());

    assertEquals(1, journal(MYSQL_EAST, "mysql.delete"));
    assertEquals(1, journal(MYSQL_EAST, "mysql.createReplica"));
    assertEquals(1, journal(MYSQL_WEST, "mysql.createReplica"));
    assertEquals(mysqlEast, control.state().path("resources").path(MYSQL_EAST.substring(1).toLowerCase()).toString(),
        "the primary is the source again");
    assertEquals(mysqlWest, control.state().path("resources").path(MYSQL_WEST.substring(1).toLowerCase()).toString(),
        "the secondary is its replica again");
  }

  @Test
  void aReplicaIsNotCreatedInADownRegionNorFromAReplica() {
    MySqlActions mysql = stub(MySqlActions.class);
    String third = RG + "Microsoft.DBforMySQL/flexibleServers/mysql-third";
    ActivityFailure cascading = Assertions.assertThrows(ActivityFailure.class, () -> mysql.createReplica(step("mysql.createReplica",
        ResourceKinds.MYSQL_FLEXIBLE_SERVER, third, "westus3", Map.of("source", "mysql-west"), "eastus2", "westus2", true)));
    assertTrue(cascading.getCause().getMessage().contains("CascadingReplicaNotSupported"), cascading.getCause().getMessage());
    assertTrue(((ApplicationFailure) cascading.getCause()).isNonRetryable());
    control.outage("westus3");
    ActivityFailure down = Assertions.assertThrows(ActivityFailure.class, () -> mysql.createReplica(step("mysql.createReplica",
        ResourceKinds.MYSQL_FLEXIBLE_SERVER, third, "westus3", Map.of("source", "mysql-east"), "eastus2", "westus2", true)));
    assertFalse(((ApplicationFailure) down.getCause()).isNonRetryable(), down.getCause().getMessage());
    assertEquals(0, journal(third, "mysql.createReplica"));
  }
}
