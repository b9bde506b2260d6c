package dev.continuity.activities.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a dead model endpoint from costing every report its timeouts: after {@code threshold}
 * failed calls in a row the circuit opens and the endpoint is skipped; after the cool-off one
 * trial call is let through (half-open), which closes the circuit on success or reopens it.
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final Duration coolOff;
  private final Clock clock;
  private int failures;
  private Instant openedAt;
  private boolean trialRunning;

  public CircuitBreaker(int threshold, Duration coolOff, Clock clock) {
    this.threshold = Math.max(1, threshold);
    this.coolOff = coolOff;
    this.clock = clock;
  }

  /** Whether a call may go out now; in half-open, only the first caller gets the trial. */
  public synchronized boolean allows() {
    State s = state();
    if (s == State.CLOSED) return true;
    if (s == State.HALF_OPEN && !trialRunning) {
      trialRunning = true;
      return true;
    }
    return false;
  }

  public synchronized void succeeded() {
    failures = 0;
    openedAt = null;
    trialRunning = false;
  }

  public synchronized void failed() {
    trialRunning = false;
    failures++;
    if (openedAt != null || failures >= threshold) openedAt = clock.instant();
  }

  public synchronized State state() {
    if (openedAt == null) return State.CLOSED;
    return clock.instant().isBefore(openedAt.plus(coolOff)) ? State.OPEN : State.HALF_OPEN;
  }
}
