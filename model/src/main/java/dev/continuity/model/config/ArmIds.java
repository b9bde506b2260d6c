package dev.continuity.model.config;

import dev.continuity.model.estate.ResourceKinds;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that a resource's Azure ID is well formed and names the resource type of its kind. */
final class ArmIds {
  /** The ARM resource type each kind lives at, so a pasted ID of the wrong resource is caught early. */
  static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry(ResourceKinds.TRAFFIC_MANAGER, "Microsoft.Network/trafficManagerProfiles"),
      Map.entry(ResourceKinds.FRONT_DOOR, "Microsoft.Cdn/profiles"),
      Map.entry(ResourceKinds.DNS_ZONE, "Microsoft.Network/dnsZones"),
      Map.entry(ResourceKinds.COSMOS_DB, "Microsoft.DocumentDB/databaseAccounts"),
      Map.entry(ResourceKinds.STORAGE_ACCOUNT, "Microsoft.Storage/storageAccounts"),
      Map.entry(ResourceKinds.SQL_SERVER, "Microsoft.Sql/servers"),
      Map.entry(ResourceKinds.REDIS, "Microsoft.Cache/redis"),
      Map.entry(ResourceKinds.AKS, "Microsoft.ContainerService/managedClusters"),
      Map.entry(ResourceKinds.APP_SERVICE, "Microsoft.Web/sites"),
      Map.entry(ResourceKinds.ALERT_RULE, "Microsoft.Insights/metricAlerts"),
      Map.entry(ResourceKinds.AI_SEARCH, "Microsoft.Search/searchServices"),
      Map.entry(ResourceKinds.OPENAI, "Microsoft.CognitiveServices/accounts"),
      Map.entry(ResourceKinds.ML_ENDPOINT, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints"),
      Map.entry(ResourceKinds.POSTGRES_FLEXIBLE_SERVER, "Microsoft.DBforPostgreSQL/flexibleServers"),
      Map.entry(ResourceKinds.MYSQL_FLEXIBLE_SERVER, "Microsoft.DBforMySQL/flexibleServers"),
      Map.entry(ResourceKinds.DATA_FACTORY, "Microsoft.DataFactory/factories"),
      Map.entry(ResourceKinds.DATABRICKS_WORKSPACE, "Microsoft.Databricks/workspaces"),
      Map.entry(ResourceKinds.APPLICATION_GATEWAY, "Microsoft.Network/applicationGateways"),
      Map.entry(ResourceKinds.KEY_VAULT, "Microsoft.KeyVault/vaults"),
      Map.entry(ResourceKinds.CHAOS_EXPERIMENT, "Microsoft.Chaos/experiments"));

  private static final Pattern ID = Pattern.compile(
      "/subscriptions/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
          + "/resourceGroups/([^/]+)/providers/([^/]+)((?:/[^/]+/[^/]+)+)");

  private ArmIds() {}

  /** "Microsoft.Web/sites" -> "Microsoft.Web/sites/<name>", nested types get a name after each. */
  private static String shape(String type) {
    if (type == null) return "<namespace>/<type>/<name>";
    String[] p = type.split("/");
    StringBuilder sb = new StringBuilder(p[0]);
    for (int i = 1; i < p.length; i++) sb.append('/').append(p[i]).append("/<name>");
    return sb.toString();
  }

  /** What is wrong with {@code id} for a resource of {@code kind}, or null when it is fine. */
  static String problem(String id, String kind) {
    Matcher m = ID.matcher(id);
    String expected = kind == null ? null : TYPES.get(kind);
    String shape = "/subscriptions/<subscription-guid>/resourceGroups/<group>/providers/" + shape(expected);
    if (!m.matches()) return "id '" + id + "' is not an Azure resource ID; expected " + shape;
    if (expected == null) return null;
    StringBuilder type = new StringBuilder(m.group(3));
    String[] parts = m.group(4).substring(1).split("/");
    for (int i = 0; i < parts.length; i += 2) type.append('/').append(parts[i]);
    if (!type.toString().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT))) {
      return "id of a " + kind + " resource must be of type " + expected + ", not " + type + " (" + shape + ")";
    }
    return null;
  }
}
