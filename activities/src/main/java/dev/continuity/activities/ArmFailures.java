package dev.continuity.activities;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

/**
 * Turns what Azure answers into what Temporal should do next. Authorization and validation errors
 * cannot heal by retrying, so they stop the step at once with a message an operator can act on;
 * throttling waits as long as Azure asks; server errors and timeouts go to the retry policy.
 */
final class ArmFailures {
  static final String AUTHORIZATION_FAILED = "AuthorizationFailed";
  static final String INVALID_REQUEST = "InvalidRequest";
  static final String NOT_FOUND = "ResourceNotFound";
  static final String THROTTLED = "Throttled";
  static final String SERVER_ERROR = "AzureServerError";
  static final String UNREACHABLE = "AzureUnreachable";

  private ArmFailures() {}

  /**
   * @param resource what was being read or changed (resource ID or name)
   * @param role the Azure role the worker's identity needs for this call, named in 401/403 messages
   */
  static RuntimeException translate(Throwable error, String resource, String role) {
    Throwable e = unwrap(error);
    if (e instanceof ApplicationFailure af) return af;
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      String code = null;
      String detail = http.getMessage();
      if (http instanceof ManagementException me && me.getValue() != null) {
        code = me.getValue().getCode();
        detail = me.getValue().getMessage();
      }
      return forStatus(http.getResponse().getStatusCode(), code, detail, http.getResponse().getHeaders(), resource, role, e);
    }
    if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof TimeoutException) {
      return ApplicationFailure.newFailureWithCause(
          "Azure Resource Manager did not answer for " + resource + ": " + e.getMessage(), UNREACHABLE, e);
    }
    return e instanceof RuntimeException re ? re : new RuntimeException(e);
  }

  static ApplicationFailure forStatus(int status, String code, String detail, HttpHeaders headers,
      String resource, String role, Throwable cause) {
    String what = (code == null ? "HTTP " + status : code) + (detail == null || detail.isBlank() ? "" : ": " + detail);
    if (status == 401 || status == 403) {
      return nonRetryable(AUTHORIZATION_FAILED + " on " + resource + ": the worker's identity needs " + role + " (" + what + ")",
          AUTHORIZATION_FAILED, cause);
    }
    if (status == 429) {
      Duration delay = retryAfter(headers);
      return ApplicationFailure.newBuilder()
          .setMessage("Azure throttled the call on " + resource + "; retrying after " + delay.toSeconds() + " s (" + what + ")")
          .setType(THROTTLED)
          .setCause(cause)
          .setNextRetryDelay(delay)
          .build();
    }
    if (status == 404) {
      return nonRetryable("Not found in Azure: " + resource + " (" + what + ")", NOT_FOUND, cause);
    }
    if (status == 409 || status == 408) {
      // Conflict on ARM mostly means "another operation is in progress": it clears by itself.
      return ApplicationFailure.newFailureWithCause("Azure refused for now on " + resource + " (" + what + ")", SERVER_ERROR, cause);
    }
    if (status >= 400 && status < 500) {
      return nonRetryable("Azure rejected the request on " + resource + " (" + what + ")", INVALID_REQUEST, cause);
    }
    return ApplicationFailure.newFailureWithCause("Azure failed on " + resource + " (" + what + ")", SERVER_ERROR, cause);
  }

  /** Retry-After in seconds or as an HTTP date, or the millisecond variants; 10 s when absent. */
  static Duration retryAfter(HttpHeaders headers) {
    Duration d = retryAfterOrNull(headers);
    return d == null ? Duration.ofSeconds(10) : d;
  }

  static Duration retryAfterOrNull(HttpHeaders headers) {
    if (headers == null) return null;
    for (String ms : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
      String v = headers.getValue(HttpHeaderName.fromString(ms));
      if (v != null) {
        try {
          return Duration.ofMillis(Math.max(0, Long.parseLong(v.trim())));
        } catch (NumberFormatException ignored) {
          // fall through to Retry-After
        }
      }
    }
    String v = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (v == null || v.isBlank()) return null;
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (RuntimeException notDate) {
        return null;
      }
    }
  }

  private static ApplicationFailure nonRetryable(String message, String type, Throwable cause) {
    return ApplicationFailure.newBuilder().setMessage(message).setType(type).setCause(cause).setNonRetryable(true).build();
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t != t.getCause()
        && (t.getClass().getName().startsWith("reactor.") || t instanceof java.util.concurrent.ExecutionException
            || t instanceof java.util.concurrent.CompletionException
            || (t instanceof RuntimeException && t.getClass() == RuntimeException.class))) {
      t = t.getCause();
    }
    return t;
  }
}
