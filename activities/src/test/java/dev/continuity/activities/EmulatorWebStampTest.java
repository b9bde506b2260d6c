package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.AppServiceActions;
import dev.continuity.model.actions.CosmosDbActions;
import dev.continuity.model.actions.DnsActions;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.actions.RedisActions;
import dev.continuity.model.actions.SqlActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The data-tier and web actions against the ARM emulator, with the primary region down. */
class EmulatorWebStampTest extends EmulatedActionsTest {
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  static final String WEB = "/subscriptions/" + SUB + "/resourceGroups/rg-web-api/providers/";
  static final String AI = "/subscriptions/" + SUB + "/resourceGroups/rg-ai-platform/providers/";
  static final String DNS = WEB + "Microsoft.Network/dnszones/contoso-web.example";
  static final String APP_EAST = WEB + "Microsoft.Web/sites/app-web-api-eastus";
  static final String APP_WEST = WEB + "Microsoft.Web/sites/app-web-api-westus";
  static final String SQL_EAST = WEB + "Microsoft.Sql/servers/sql-web-api-eastus";
  static final String SQL_WEST = WEB + "Microsoft.Sql/servers/sql-web-api-westus";
  static final String COSMOS = AI + "Microsoft.DocumentDB/databaseAccounts/cosmos-ai-platform";
  static final String REDIS_EAST = AI + "Microsoft.Cache/redis/redis-ai-platform-eastus2";
  static final String REDIS_WEST = AI + "Microsoft.Cache/redis/redis-ai-platform-westus2";


  @Override
  Inventory inventory() {
    Map<String, Resource> web = new LinkedHashMap<>();
    web.put("dns", new Resource("dns", ResourceKinds.DNS_ZONE, DNS, null, Map.of("records", List.of(
        Map.of("name", "www", "type", "CNAME", "target", "app-web-api-eastus.azurewebsites.net", "ttl", 300)))));
    web.put("app-east", new Resource("app-east", ResourceKinds.APP_SERVICE, APP_EAST, "eastus", Map.of()));
    web.put("app-west", new Resource("app-west", ResourceKinds.APP_SERVICE, APP_WEST, "westus", Map.of()));
    web.put("sql", new Resource("sql", ResourceKinds.SQL_SERVER, SQL_EAST, "eastus", Map.of("failoverGroup", "fg-web-api")));
    web.put("sql-secondary", new Resource("sql-secondary", ResourceKinds.SQL_SERVER, SQL_WEST, "westus", Map.of("failoverGroup", "fg-web-api")));
    Map<String, Resource> ai = new LinkedHashMap<>();
    ai.put("cosmos", new Resource("cosmos", ResourceKinds.COSMOS_DB, COSMOS, null, Map.of("replicationLagSeconds", 4)));
    ai.put("redis", new Resource("redis", ResourceKinds.REDIS, REDIS_EAST, "eastus2", Map.of("linkedServer", "redis-ai-platform-westus2")));
    ai.put("redis-secondary", new Resource("redis-secondary", ResourceKinds.REDIS, REDIS_WEST, "westus2", Map.of()));
    return new Inventory("demo", List.of("centralus"), Map.of("dr-leads", List.of("alice@contoso.com")), List.of(
        new Stamp("web-api", "eastus", "westus", Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
            ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), web),
        new Stamp("ai-platform", "eastus2", "westus2", Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
            ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), ai)));
  }

  static ActionRequest step(String action, String kind, String id, String region, Map<String, Object> params,
      String from, String to) {
    return new ActionRequest("op-1", action, action, new ResourceRef(action, kind, id, region, Map.of()), params,
        "web-api", from, to, false);
  }

  static void twice(String name, Supplier<ActionResult> action) {
    ActionResult first = action.get();
    assertTrue(first.changed(), name + ": " + first.message());
    ActionResult second = action.get();
    assertFalse(second.changed(), name + " a second time: " + second.message());
  }

  int journal(String resource, String operation) {
    return control.journal(resource, operation).path("entries").size();
  }

  @Test
  void webApiFailsOverWithItsPrimaryRegionDown() {
    control.outage("eastus");

    // the primary's region is down: the inventory names the partner, so nothing asks eastus
    ActionRequest sql = new ActionRequest("op-1", "sql", "sql.failoverGroup", new ResourceRef("sql", ResourceKinds.SQL_SERVER,
        SQL_EAST, "eastus", Map.of("partnerServer", "sql-web-api-westus")), Map.of("failoverGroup", "fg-web-api"),
        "web-api", "eastus", "westus", false);
    twice("sql.failoverGroup", () -> stub(SqlActions.class).failoverGroup(sql));
    twice("dns.setRecordTarget", () -> stub(DnsActions.class).setRecordTarget(step("dns.setRecordTarget", ResourceKinds.DNS_ZONE,
        DNS, null, Map.of("recordType", "CNAME", "record", "www", "target", "app-web-api-westus.azurewebsites.net", "ttl", 60),
        "eastus", "westus")));
    twice("appService.setAppSettings", () -> stub(AppServiceActions.class).setAppSettings(step("appService.setAppSettings",
        ResourceKinds.APP_SERVICE, APP_WEST, "westus", Map.of("settings", Map.of("ROLE", "primary")), "eastus", "westus")));

    assertEquals(1, journal("fg-web-api", "sql.forceFailoverAllowDataLoss"), control.journal().toString());
    assertEquals(1, journal(DNS, "dns.updateRecordSet"));
    assertEquals(1, journal(APP_WEST, "appService.setAppSettings"));
  }

  @Test
  void appStopsAndStartsOnce() {
    AppServiceActions apps = stub(AppServiceActions.class);
    twice("appService.stop", () -> apps.stop(step("appService.stop", ResourceKinds.APP_SERVICE, APP_WEST, "westus", Map.of(), "eastus", "westus")));
    twice("appService.start", () -> apps.start(step("appService.start", ResourceKinds.APP_SERVICE, APP_WEST, "westus", Map.of(), "eastus", "westus")));
  }

  @Test
  void dataTierOfTheAiPlatformWithEastus2Down() {
    control.outage("eastus2");
    CosmosDbActions cosmos = stub(CosmosDbActions.class);
    ActionRequest read = new ActionRequest("op-1", "lag", "cosmos.readReplication",
        new ResourceRef("cosmos", ResourceKinds.COSMOS_DB, COSMOS, null, Map.of()), Map.of(), "ai-platform", "eastus2", "westus2", false);
    ActionResult replication = cosmos.readReplication(read);
    assertNotNull(replication.facts().get("writeRegion"), replication.message());

    twice("cosmos.setRegionOffline", () -> cosmos.setRegionOffline(new ActionRequest("op-1", "off", "cosmos.setRegionOffline",
        new ResourceRef("cosmos", ResourceKinds.COSMOS_DB, COSMOS, null, Map.of()), Map.of("region", "eastus2"),
        "ai-platform", "eastus2", "westus2", false)));
    twice("redis.removeGeoReplicationLink", () -> stub(RedisActions.class).removeGeoReplicationLink(new ActionRequest("op-1", "redis",
        "redis.removeGeoReplicationLink",
        new ResourceRef("redis", ResourceKinds.REDIS, REDIS_EAST, "eastus2", Map.of("linkedServer", "redis-ai-platform-westus2")),
        Map.of(), "ai-platform", "eastus2", "westus2", false)));

    assertEquals(1, journal(COSMOS, "cosmos.offlineRegion"));
    assertEquals(1, journal("redis-ai-platform", "redis.unlink"));
    if (replication.facts().containsKey(Facts.EXPECTED_DATA_LOSS_SECONDS)) {
      assertTrue(((Number) replication.facts().get(Facts.EXPECTED_DATA_LOSS_SECONDS)).doubleValue() >= 4, replication.message());
    }
  }
}
