package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.monitor.fluent.models.ResponseInner;
import com.azure.resourcemanager.monitor.models.MetricValue;
import com.azure.resourcemanager.monitor.models.ResultType;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest value of a replication-lag metric over the last five minutes, from Azure Monitor, in
 * the metric's own unit (seconds for the database replicas, milliseconds for Cosmos DB). The worst
 * recent value, not the latest, is what a forced promotion or failover risks.
 */
final class ReplicaLagMetric {
  private static final Logger log = LoggerFactory.getLogger(ReplicaLagMetric.class);

  private ReplicaLagMetric() {}

  /** In seconds, for metrics reported in seconds (the flexible servers' replica lag). */
  static Double maxSeconds(AzureClients clients, ArmId id, String metric, Instant now) {
    return max(clients, id, metric, "Monitoring Reader on the server", now);
  }

  /**
   * Null when Azure Monitor has no such data; transient failures still fail the step (retryable).
   *
   * @param readerRole the role a refusal names, for the operator to grant
   */
  static Double max(AzureClients clients, ArmId id, String metric, String readerRole, Instant now) {
    try {
      ResponseInner metrics = clients.monitor(id.subscription()).serviceClient().getMetrics().listWithResponse(
          id.id().replaceFirst("^/+", ""), now.minus(Duration.ofMinutes(5)) + "/" + now, Duration.ofMinutes(1), metric,
          "Maximum", null, null, null, ResultType.DATA, null, Context.NONE).getValue();
      OptionalDouble max = metrics == null || metrics.value() == null ? OptionalDouble.empty()
          : metrics.value().stream()
              .filter(m -> m.timeseries() != null)
              .flatMap(m -> m.timeseries().stream())
              .filter(t -> t.data() != null)
              .flatMap(t -> t.data().stream())
              .map(MetricValue::maximum)
              .filter(Objects::nonNull)
              .mapToDouble(Double::doubleValue)
              .max();
      return max.isPresent() ? max.getAsDouble() : null;
    } catch (RuntimeException e) {
      RuntimeException failure = ArmFailures.translate(e, id.id(), readerRole);
      if (failure instanceof ApplicationFailure af
          && (ArmFailures.THROTTLED.equals(af.getType()) || ArmFailures.SERVER_ERROR.equals(af.getType())
              || ArmFailures.UNREACHABLE.equals(af.getType()))) {
        throw failure;
      }
      log.info("no {} metric for {}: {}", metric, id, failure.getMessage());
      return null;
    }
  }
}
