package dev.continuity.starter.alerts;

import dev.continuity.model.estate.Severity;
import java.util.List;

/**
 * One alert or event, whatever channel it came by, reduced to what decides an operation: which
 * resources it is about, whether it fires or resolves, and how severe it is.
 *
 * @param key the replay key: the same alert notified twice has the same key
 * @param alertId the alert's or event's own id (a failover's trigger id)
 * @param channel how it came: "monitor" (action-group webhook), "eventgrid", "cloudevents"
 * @param type the alert's signal type or the event's type, for the record
 * @param targetIds ARM ids of the resources (or, for service health, the subscriptions) concerned
 * @param regions regions a service-health alert names as impacted (normalised: "eastus2"), else empty
 */
public record AlertSignal(
    String key,
    String alertId,
    String channel,
    String type,
    Condition condition,
    Severity severity,
    List<String> targetIds,
    List<String> regions,
    String description,
    long firedAtMillis) {

  /** Fired starts or joins a failover; resolved may withdraw one; informational is recorded only. */
  public enum Condition { FIRED, RESOLVED, INFORMATIONAL }

  /** "East US 2" and "eastus2" both name region eastus2. */
  public static String region(String name) {
    return name == null ? "" : name.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
  }
}
