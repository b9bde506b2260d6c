package dev.continuity.emulator;

import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo estate of HELPERS.md built by hand: stamps ai-platform (eastus2 -> westus2) and web-api (eastus -> westus). */
final class DemoInventory {
  static final String SUB = "00000000-0000-0000-0000-000000000000";
  static final String AI_RG = "/subscriptions/" + SUB + "/resourceGroups/rg-ai-platform/providers/";
  static final String WEB_RG = "/subscriptions/" + SUB + "/resourceGroups/rg-web-api/providers/";

  static final String TM = AI_RG + "Microsoft.Network/trafficmanagerprofiles/tm-ai-platform";
  static final String FD = AI_RG + "Microsoft.Cdn/profiles/fd-ai-platform";
  static final String COSMOS = AI_RG + "Microsoft.DocumentDB/databaseAccounts/cosmos-ai-platform";
  static final String STORAGE = AI_RG + "Microsoft.Storage/storageAccounts/staiplatform";
  static final String SEARCH = AI_RG + "Microsoft.Search/searchServices/srch-ai-platform-eastus2";
  static final String OPENAI = AI_RG + "Microsoft.CognitiveServices/accounts/oai-ai-platform-westus2";
  static final String ML = AI_RG + "Microsoft.MachineLearningServices/workspaces/mlw-ai-platform/onlineEndpoints/chat";
  static final String REDIS_PRIMARY = AI_RG + "Microsoft.Cache/redis/redis-ai-platform-eastus2";
  static final String REDIS_SECONDARY = AI_RG + "Microsoft.Cache/redis/redis-ai-platform-westus2";
  static final String AKS = AI_RG + "Microsoft.ContainerService/managedClusters/aks-ai-platform-westus2";
  static final String ALERT = AI_RG + "Microsoft.Insights/metricAlerts/alert-ai-platform-5xx";

  static final String WEB_TM = WEB_RG + "Microsoft.Network/trafficmanagerprofiles/tm-web-api";
  static final String DNS = WEB_RG + "Microsoft.Network/dnszones/contoso-web.example";
  static final String APP_EAST = WEB_RG + "Microsoft.Web/sites/app-web-api-eastus";
  static final String APP_WEST = WEB_RG + "Microsoft.Web/sites/app-web-api-westus";
  static final String SQL_PRIMARY = WEB_RG + "Microsoft.Sql/servers/sql-web-api-eastus";
  static final String SQL_SECONDARY = WEB_RG + "Microsoft.Sql/servers/sql-web-api-westus";
  static final String WEB_STORAGE = WEB_RG + "Microsoft.Storage/storageAccounts/stwebapiui";
  static final String PG_PRIMARY = WEB_RG + "Microsoft.DBforPostgreSQL/flexibleServers/pg-web-api-eastus";
  static final String PG_REPLICA = WEB_RG + "Microsoft.DBforPostgreSQL/flexibleServers/pg-web-api-westus";
  static final String ADF = WEB_RG + "Microsoft.DataFactory/factories/adf-web-api-eastus";
  static final String ADF_SECONDARY = WEB_RG + "Microsoft.DataFactory/factories/adf-web-api-westus";
  static final String MYSQL_SOURCE = WEB_RG + "Microsoft.DBforMySQL/flexibleServers/mysql-web-api-eastus";
  static final String MYSQL_REPLICA = WEB_RG + "Microsoft.DBforMySQL/flexibleServers/mysql-web-api-westus";

  static final String AI_HEALTH_EAST = "http://ai-platform-eastus2.example.test/health";
  static final String AI_HEALTH_WEST = "http://ai-platform-westus2.example.test/health";

  private DemoInventory() {}

  static Inventory build() {
    Map<String, Resource> ai = new LinkedHashMap<>();
    add(ai, "frontdoor", ResourceKinds.FRONT_DOOR, FD, null, Map.of("originGroup", "default"));
    add(ai, "tm", ResourceKinds.TRAFFIC_MANAGER, TM, null, Map.of());
    add(ai, "cosmos", ResourceKinds.COSMOS_DB, COSMOS, null, Map.of());
    add(ai, "storage", ResourceKinds.STORAGE_ACCOUNT, STORAGE, null, Map.of());
    add(ai, "search", ResourceKinds.AI_SEARCH, SEARCH, "eastus2", Map.of());
    add(ai, "openai", ResourceKinds.OPENAI, OPENAI, "westus2", Map.of());
    add(ai, "ml", ResourceKinds.ML_ENDPOINT, ML, "westus2", Map.of());
    add(ai, "redis", ResourceKinds.REDIS, REDIS_PRIMARY, "eastus2", Map.of("linkedServer", "redis-ai-platform-westus2"));
    add(ai, "redis-secondary", ResourceKinds.REDIS, REDIS_SECONDARY, "westus2", Map.of());
    add(ai, "aks", ResourceKinds.AKS, AKS, "westus2", Map.of("agentPool", "nodepool1", "count", 1));
    add(ai, "alerts", ResourceKinds.ALERT_RULE, ALERT, null, Map.of());
    add(ai, "health", ResourceKinds.HEALTH_PROBE, null, null, Map.of(
        "endpoints", Map.of("eastus2", AI_HEALTH_EAST, "westus2", AI_HEALTH_WEST),
        "vantagePoints", List.of("centralus", "westus3", "northeurope")));

    Map<String, Resource> web = new LinkedHashMap<>();
    add(web, "tm", ResourceKinds.TRAFFIC_MANAGER, WEB_TM, null, Map.of());
    add(web, "dns", ResourceKinds.DNS_ZONE, DNS, null, Map.of("records", List.of(
        Map.of("name", "www", "type", "CNAME", "target", "tm-web-api.trafficmanager.net", "ttl", 300),
        Map.of("name", "api", "type", "A", "target", "10.1.0.4", "ttl", 60))));
    add(web, "app-east", ResourceKinds.APP_SERVICE, APP_EAST, "eastus", Map.of());
    add(web, "app-west", ResourceKinds.APP_SERVICE, APP_WEST, "westus", Map.of());
    add(web, "sql", ResourceKinds.SQL_SERVER, SQL_PRIMARY, "eastus", Map.of("failoverGroup", "fg-web-api"));
    add(web, "sql-secondary", ResourceKinds.SQL_SERVER, SQL_SECONDARY, "westus", Map.of("failoverGroup", "fg-web-api"));
    add(web, "ui-storage", ResourceKinds.STORAGE_ACCOUNT, WEB_STORAGE, null, Map.of());
    add(web, "pg-replica", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_REPLICA, "westus",
        Map.of("sourceServer", "pg-web-api-eastus", "replicationLagSeconds", 6));
    add(web, "pg", ResourceKinds.POSTGRES_FLEXIBLE_SERVER, PG_PRIMARY, "eastus", Map.of());
    add(web, "adf", ResourceKinds.DATA_FACTORY, ADF, "eastus", Map.of("triggers", List.of("nightly", "hourly"),
        "runningPipelines", List.of("ingest"), "integrationRuntimes", Map.of("shir", "eastus")));
    add(web, "adf-secondary", ResourceKinds.DATA_FACTORY, ADF_SECONDARY, "westus", Map.of("triggers", List.of("nightly", "hourly"),
        "integrationRuntimes", Map.of("shir", "westus", "shir-east", "eastus")));
    add(web, "mysql", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_SOURCE, "eastus", Map.of());
    add(web, "mysql-replica", ResourceKinds.MYSQL_FLEXIBLE_SERVER, MYSQL_REPLICA, "westus",
        Map.of("sourceServer", "mysql-web-api-eastus", "replicationLagSeconds", 3));
    add(web, "health", ResourceKinds.HEALTH_PROBE, null, null, Map.of(
        "endpoints", Map.of("eastus", "http://web-api-eastus.example.test/health", "westus", "http://web-api-westus.example.test/health"),
        "vantagePoints", List.of("centralus", "westus3", "northeurope")));

    return new Inventory("demo", List.of("centralus"), Map.of("dr-leads", List.of("alice@contoso.com")), List.of(
        stamp("ai-platform", "eastus2", "westus2", ai),
        stamp("web-api", "eastus", "westus", web)));
  }

  private static Stamp stamp(String name, String primary, String secondary, Map<String, Resource> resources) {
    return new Stamp(name, primary, secondary, Targets.DEFAULT, List.of("group:dr-leads"), SeverityPolicy.DEFAULT,
        ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), resources);
  }

  private static void add(Map<String, Resource> m, String name, String kind, String id, String region, Map<String, Object> props) {
    m.put(name, new Resource(name, kind, id, region, props));
  }
}
