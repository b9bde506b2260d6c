package dev.continuity.starter.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the alert server received, refused and started, as counters of the process's metric
 * registry (served on /metrics with the Temporal SDK's).
 */
public final class AlertCounters {
  public static final String RECEIVED = "continuity_alerts_received";
  public static final String REFUSED = "continuity_alert_requests_refused";
  public static final String OUTCOMES = "continuity_alert_outcomes";
  /** Operations an alert started (not joined): the alert-storm figure. */
  public static final String STARTED = "continuity_alert_operations_started";

  private static final Pattern SERIES = Pattern.compile("([a-z_]+?)(?:_total)?(?:\\{([a-z_]+)=\"([^\"]*)\"})?");

  private final MeterRegistry registry;

  public AlertCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Events received (after authentication, whatever their fate). */
  void received(long n) {
    registry.counter(RECEIVED).increment(n);
  }

  /** Requests refused, by reason: unauthorized, too_large, malformed, rate_limited, unavailable. */
  void refused(String reason) {
    registry.counter(REFUSED, "reason", reason).increment();
  }

  /** What became of each signal: started, joined, declined, replay, unmatched, resolved, withdrawn, ignored. */
  void outcome(String outcome) {
    registry.counter(OUTCOMES, "outcome", outcome).increment();
    if ("started".equals(outcome)) registry.counter(STARTED).increment();
  }

  /** The value of one series as Prometheus names it, e.g. {@code continuity_alert_outcomes_total{outcome="started"}}. */
  public long get(String series) {
    Matcher m = SERIES.matcher(series);
    if (!m.matches()) throw new IllegalArgumentException("not a series of one label or none: " + series);
    Search search = registry.find(m.group(1));
    if (m.group(2) != null) search = search.tag(m.group(2), m.group(3));
    Counter c = search.counter();
    return c == null ? 0 : (long) c.count();
  }
}
