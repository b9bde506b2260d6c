package dev.continuity.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Histogram buckets for the latencies a DR dashboard asks quantiles of: Continuity's own timers
 * (steps take seconds to many minutes) and the SDK's schedule-to-start latencies (a growing one
 * means too few workers). Other SDK timers stay summaries, to keep a scrape small.
 */
final class LatencyBuckets implements MeterFilter {
  private static final double[] CONTINUITY_SECONDS = {1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200};
  private static final double[] SCHEDULE_TO_START_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER) return config;
    double[] seconds = null;
    if (id.getName().startsWith("continuity_")) seconds = CONTINUITY_SECONDS;
    else if (id.getName().endsWith("schedule_to_start_latency")) seconds = SCHEDULE_TO_START_SECONDS;
    if (seconds == null) return config;
    double[] nanos = new double[seconds.length];
    for (int i = 0; i < seconds.length; i++) nanos[i] = Duration.ofMillis((long) (seconds[i] * 1000)).toNanos();
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .serviceLevelObjectives(nanos)
        .build()
        .merge(config);
  }
}
