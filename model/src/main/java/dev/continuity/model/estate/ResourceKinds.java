package dev.continuity.model.estate;

import java.util.List;

/** The resource kinds an inventory may hold, as written in YAML. */
public final class ResourceKinds {
  public static final String TRAFFIC_MANAGER = "trafficManager";
  public static final String FRONT_DOOR = "frontDoor";
  public static final String DNS_ZONE = "dnsZone";
  public static final String COSMOS_DB = "cosmosDb";
  public static final String STORAGE_ACCOUNT = "storageAccount";
  public static final String SQL_SERVER = "sqlServer";
  public static final String REDIS = "redis";
  public static final String AKS = "aks";
  public static final String APP_SERVICE = "appService";
  public static final String ALERT_RULE = "alertRule";
  public static final String AI_SEARCH = "aiSearch";
  public static final String OPENAI = "openAi";
  public static final String ML_ENDPOINT = "mlEndpoint";
  /** Azure Database for PostgreSQL flexible server (a primary or one of its read replicas). */
  public static final String POSTGRES_FLEXIBLE_SERVER = "postgresFlexibleServer";
  /** Azure Database for MySQL flexible server (a source or one of its replicas). */
  public static final String MYSQL_FLEXIBLE_SERVER = "mysqlFlexibleServer";
  /** Azure Data Factory (one factory per region). */
  public static final String DATA_FACTORY = "dataFactory";
  /** Azure Databricks workspace; {@code properties.workspaceUrl} is its URL (adb-....azuredatabricks.net). */
  public static final String DATABRICKS_WORKSPACE = "databricksWorkspace";
  /** Azure Application Gateway (v2), with its WAF policy. */
  public static final String APPLICATION_GATEWAY = "applicationGateway";
  /** Azure Key Vault (the secrets and certificates a stamp needs in a region). */
  public static final String KEY_VAULT = "keyVault";
  /** Azure Chaos Studio experiment (a drill's injected fault). */
  public static final String CHAOS_EXPERIMENT = "chaosExperiment";
  /** A set of HTTP health endpoints seen from several vantage points (no Azure resource behind it). */
  public static final String HEALTH_PROBE = "healthProbe";
  /** A stand-in for "no resource": steps such as a pause or a manual check. */
  public static final String NONE = "none";

  public static final List<String> ALL = List.of(
      TRAFFIC_MANAGER, FRONT_DOOR, DNS_ZONE, COSMOS_DB, STORAGE_ACCOUNT, SQL_SERVER, REDIS, AKS,
      APP_SERVICE, ALERT_RULE, AI_SEARCH, OPENAI, ML_ENDPOINT, POSTGRES_FLEXIBLE_SERVER, MYSQL_FLEXIBLE_SERVER, DATA_FACTORY, DATABRICKS_WORKSPACE,
      APPLICATION_GATEWAY, KEY_VAULT, CHAOS_EXPERIMENT,
      HEALTH_PROBE);

  private ResourceKinds() {}
}
