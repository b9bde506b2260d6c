package dev.continuity.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;

/**
 * Histogram buckets for the latencies a DR dashboard asks quantiles of: Continuity's own timers
 * (steps take seconds to many minutes), the SDK's schedule-to-start latencies (a growing one means
 * too few workers) and activity execution latency, each with a dozen fixed buckets. Every other SDK
 * timer stays a summary (count, sum, max): the SDK asks for Micrometer's percentile histograms,
 * some 70 buckets per timer and tag set, which would make a worker's scrape, heap and start-up
 * heavy for no panel.
 */
final class LatencyBuckets implements MeterFilter {
  private static final double[] CONTINUITY_SECONDS = {1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200};
  private static final double[] SDK_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900};

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER) return config;
    double[] seconds = null;
    if (id.getName().startsWith("continuity_")) seconds = CONTINUITY_SECONDS;
    else if (id.getName().endsWith("schedule_to_start_latency") || id.getName().equals("temporal_activity_execution_latency")) {
      seconds = SDK_SECONDS;
    }
    if (seconds == null) return DistributionStatisticConfig.builder().percentilesHistogram(false).build().merge(config);
    double[] nanos = new double[seconds.length];
    for (int i = 0; i < seconds.length; i++) nanos[i] = Duration.ofMillis((long) (seconds[i] * 1000)).toNanos();
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .serviceLevelObjectives(nanos)
        .build()
        .merge(config);
  }
}
