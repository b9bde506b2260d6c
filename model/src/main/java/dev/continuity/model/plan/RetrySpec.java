package dev.continuity.model.plan;

import java.time.Duration;

/** How often an action is retried before the step asks an operator what to do. */
public record RetrySpec(int maximumAttempts, Duration initialInterval, double backoffCoefficient, Duration maximumInterval) {
  public static final RetrySpec DEFAULT = new RetrySpec(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30));
}
