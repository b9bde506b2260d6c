package dev.continuity.starter.alerts;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the alert server received, refused and started, as Prometheus text for /metrics. */
public final class AlertCounters {
  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  void add(String name, String label, long n) {
    counters.computeIfAbsent(label == null ? name : name + "{" + label + "}", k -> new LongAdder()).add(n);
  }

  /** Events received (after authentication, whatever their fate). */
  void received(long n) {
    add("continuity_alerts_received_total", null, n);
  }

  /** Requests refused, by reason: unauthorized, too_large, malformed, rate_limited, ... */
  void refused(String reason) {
    add("continuity_alert_requests_refused_total", "reason=\"" + reason + "\"", 1);
  }

  /** What became of each signal: started, joined, declined, replay, unmatched, resolved, withdrawn, ignored. */
  void outcome(String outcome) {
    add("continuity_alert_outcomes_total", "outcome=\"" + outcome + "\"", 1);
    if ("started".equals(outcome)) add("continuity_operations_started_total", null, 1);
  }

  public long get(String series) {
    LongAdder a = counters.get(series);
    return a == null ? 0 : a.sum();
  }

  public String prometheus() {
    StringBuilder out = new StringBuilder();
    String lastName = null;
    for (Map.Entry<String, LongAdder> e : new TreeMap<>(counters).entrySet()) {
      String name = e.getKey().contains("{") ? e.getKey().substring(0, e.getKey().indexOf('{')) : e.getKey();
      if (!name.equals(lastName)) {
        out.append("# TYPE ").append(name).append(" counter\n");
        lastName = name;
      }
      out.append(e.getKey()).append(' ').append(e.getValue().sum()).append('\n');
    }
    return out.toString();
  }
}
