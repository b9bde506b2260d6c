package dev.continuity.activities.report;

import java.time.Duration;

/**
 * A model call that did not answer: an HTTP error, a timeout or an unreachable endpoint.
 *
 * @see #retryable()
 */
public class ModelCallFailure extends RuntimeException {
  private final int status;
  private final Duration retryAfter;

  /**
   * @param status the HTTP status, or -1 when no answer came (timeout, connection refused)
   * @param retryAfter what the endpoint asked to wait, or null
   */
  public ModelCallFailure(String message, int status, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Throttling and server errors pass; a timeout or a refused key will not get better by asking again soon. */
  public boolean retryable() {
    return status == 429 || status >= 500;
  }
}
