package dev.continuity.starter.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address: a steady rate with a burst allowance. Event Grid and action
 * groups back off and retry on 429, so a noisy or hostile sender slows down without starving the
 * others. The number of buckets is bounded; the least recently seen source is dropped first.
 */
public final class SourceRateLimiter {
  private static final int MAX_SOURCES = 10_000;

  private final double perSecond;
  private final double burst;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
      return size() > MAX_SOURCES;
    }
  };

  /** @param perSecond requests per second per source; 0 or less turns the limit off */
  public SourceRateLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
  }

  public synchronized boolean allow(String source, long nowNanos) {
    if (perSecond <= 0) return true;
    double[] b = buckets.computeIfAbsent(source, s -> new double[] {burst, nowNanos});
    double elapsed = Math.max(0, (nowNanos - (long) b[1]) / 1e9);
    b[0] = Math.min(burst, b[0] + elapsed * perSecond);
    b[1] = nowNanos;
    if (b[0] < 1) return false;
    b[0] -= 1;
    return true;
  }
}
