package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Azure Monitor metrics of an emulated resource ({resourceId}/providers/Microsoft.Insights/metrics),
 * for the replication-lag metrics the actions read: Cosmos DB's ReplicationLatency (milliseconds), the
 * honest way Azure exposes how far a Cosmos account's read regions trail its write region, and the
 * replica lag of PostgreSQL and MySQL flexible servers (seconds, on the replica).
 */
final class ReplicationMetrics {
  static final String REPLICATION_LATENCY = "ReplicationLatency";

  /** One lag metric: its name, unit, how many units make a second, and its description in Azure. */
  private record LagMetric(String name, String unit, double perSecond, String namespace, String description) {}

  private static final java.util.Map<String, LagMetric> BY_KIND = java.util.Map.of(
      "cosmosDb", new LagMetric(REPLICATION_LATENCY, "MilliSeconds", 1000, "Microsoft.DocumentDB/databaseAccounts",
          "P99 replication latency across source and target regions for a geo-enabled account"),
      "postgresFlexibleServer", new LagMetric("physical_replication_delay_in_seconds", "Seconds", 1,
          "Microsoft.DBforPostgreSQL/flexibleServers", "Read Replica Lag in seconds"),
      "mysqlFlexibleServer", new LagMetric("replication_lag", "Seconds", 1, "Microsoft.DBforMySQL/flexibleServers",
          "Replication lag in seconds"));
  private final Estate estate;

  ReplicationMetrics(Estate estate) {
    this.estate = estate;
  }

  /** Null when the path is not a metrics path. */
  static String resourceOf(String path) {
    int i = path.toLowerCase(Locale.ROOT).indexOf("/providers/microsoft.insights/metrics");
    if (i <= 0 || !path.toLowerCase(Locale.ROOT).substring(i).matches("/providers/microsoft\\.insights/metrics/?")) return null;
    return path.substring(0, i);
  }

  ArmResponse handle(ArmRequest req, String resourceId) {
    if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
    ObjectNode resource = estate.get(resourceId);
    ResourceFacts f = estate.facts(resourceId);
    String names = req.param("metricnames");
    LagMetric metric = f == null ? null : BY_KIND.get(f.kind);
    if (metric == null || names == null || !names.equalsIgnoreCase(metric.name())) {
      throw ArmException.badRequest("BadRequest", "Failed to find metric configuration for provider: "
          + resource.path("type").asText() + ", resource Id: " + resourceId + ", metric: " + names
          + " (the emulator serves the replication lag metric of Cosmos DB accounts and PostgreSQL/MySQL replicas only).");
    }
    // A server that is no replica has no lag to report: Azure returns the metric without data.
    boolean noData = !"cosmosDb".equals(f.kind) && !FlexibleServerService.isReplica(resource);
    Instant end = estate.now();
    Instant start = end.minus(Duration.ofMinutes(5));
    String timespan = req.param("timespan");
    if (timespan != null && timespan.contains("/")) {
      try {
        start = Instant.parse(timespan.substring(0, timespan.indexOf('/')));
        end = Instant.parse(timespan.substring(timespan.indexOf('/') + 1));
      } catch (DateTimeParseException e) {
        throw ArmException.badRequest("BadRequest", "Invalid timespan '" + timespan + "'.");
      }
    }
    Duration interval = Duration.ofMinutes(1);
    String i = req.param("interval");
    if (i != null && !i.isBlank() && !i.equalsIgnoreCase("FULL")) interval = Duration.parse(i);
    if (interval.isZero() || interval.isNegative()) interval = Duration.ofMinutes(1);
    double lag = estate.replication.lagSeconds(resourceId) * metric.perSecond();

    ObjectNode b = Docs.JSON.objectNode();
    b.put("cost", 0);
    b.put("timespan", start + "/" + end);
    b.put("interval", interval.toString());
    b.put("namespace", metric.namespace());
    b.put("resourceregion", f.region);
    ObjectNode m = b.putArray("value").addObject();
    m.put("id", resource.path("id").asText() + "/providers/Microsoft.Insights/metrics/" + metric.name());
    m.put("type", "Microsoft.Insights/metrics");
    m.putObject("name").put("value", metric.name()).put("localizedValue", metric.description());
    m.put("displayDescription", metric.description());
    m.put("unit", metric.unit());
    m.put("errorCode", "Success");
    ObjectNode series = m.putArray("timeseries").addObject();
    series.putArray("metadatavalues");
    ArrayNode data = series.putArray("data");
    int points = 0;
    for (Instant t = start; !noData && t.isBefore(end) && points < 1440; t = t.plus(interval), points++) {
      data.addObject().put("timeStamp", t.toString()).put("maximum", lag).put("average", lag);
    }
    return ArmResponse.ok(b);
  }
}
