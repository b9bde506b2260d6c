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
 * for the one metric the actions read: Cosmos DB's ReplicationLatency (milliseconds), the honest way
 * Azure exposes how far a Cosmos account's read regions trail its write region.
 */
final class ReplicationMetrics {
  static final String REPLICATION_LATENCY = "ReplicationLatency";
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
    if (f == null || !"cosmosDb".equals(f.kind) || names == null || !names.equalsIgnoreCase(REPLICATION_LATENCY)) {
      throw ArmException.badRequest("BadRequest", "Failed to find metric configuration for provider: "
          + resource.path("type").asText() + ", resource Id: " + resourceId + ", metric: " + names
          + " (the emulator serves ReplicationLatency of Cosmos DB accounts only).");
    }
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
    double lagMs = estate.replication.lagSeconds(resourceId) * 1000;

    ObjectNode b = Docs.JSON.objectNode();
    b.put("cost", 0);
    b.put("timespan", start + "/" + end);
    b.put("interval", interval.toString());
    b.put("namespace", "Microsoft.DocumentDB/databaseAccounts");
    b.put("resourceregion", f.region);
    ObjectNode m = b.putArray("value").addObject();
    m.put("id", resource.path("id").asText() + "/providers/Microsoft.Insights/metrics/" + REPLICATION_LATENCY);
    m.put("type", "Microsoft.Insights/metrics");
    m.putObject("name").put("value", REPLICATION_LATENCY).put("localizedValue", "P99 Replication Latency");
    m.put("displayDescription", "P99 replication latency across source and target regions for a geo-enabled account");
    m.put("unit", "MilliSeconds");
    m.put("errorCode", "Success");
    ObjectNode series = m.putArray("timeseries").addObject();
    series.putArray("metadatavalues");
    ArrayNode data = series.putArray("data");
    int points = 0;
    for (Instant t = start; t.isBefore(end) && points < 1440; t = t.plus(interval), points++) {
      data.addObject().put("timeStamp", t.toString()).put("maximum", lagMs).put("average", lagMs);
    }
    return ArmResponse.ok(b);
  }
}
