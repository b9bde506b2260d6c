package dev.continuity.activities;

import java.util.List;

/** Every activity implementation the worker registers, all sharing one set of Azure clients. */
public final class AzureActivities {
  private AzureActivities() {}

  public static List<Object> all(ActivitiesConfig config) {
    return all(config, new AzureClients(config));
  }

  static List<Object> all(ActivitiesConfig config, AzureClients clients) {
    return List.of(
        new ProbeActivities(config),
        new TrafficManagerActivities(clients),
        new FrontDoorActivities(clients, config),
        new DnsActivities(clients),
        new CosmosDbActivities(clients, config),
        new StorageActivities(clients, config),
        new SqlActivities(clients, config),
        new PostgresActivities(clients, config),
        new MySqlActivities(clients, config),
        new DataFactoryActivities(clients),
        new DatabricksActivities(config),
        new LangfuseActivities(config),
        new RedisActivities(clients, config),
        new AksActivities(clients, config),
        new KubernetesActivities(clients),
        new AppServiceActivities(clients, config),
        new ApplicationGatewayActivities(clients, config),
        new MonitorActivities(clients),
        new ServiceStateActivities(clients));
  }
}
