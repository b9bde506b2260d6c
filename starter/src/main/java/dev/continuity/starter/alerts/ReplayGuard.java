package dev.continuity.starter.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the keys of the latest alerts, so a notification delivered twice (Event Grid and
 * action groups both retry) is handled once. Bounded: the oldest keys are forgotten first; what
 * falls out of it still joins at the stamp, which keeps the trigger ids of its operation.
 */
public final class ReplayGuard {
  private final Map<String, Boolean> seen;

  public ReplayGuard(int capacity) {
    this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True the first time a key is seen, false for every repeat. */
  public synchronized boolean firstTime(String key) {
    return seen.putIfAbsent(key, Boolean.TRUE) == null;
  }

  /** Forgets a key whose handling failed, so the sender's retry is handled. */
  public synchronized void forget(String key) {
    seen.remove(key);
  }
}
