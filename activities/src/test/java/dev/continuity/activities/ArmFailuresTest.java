package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import dev.continuity.model.actions.TrafficManagerActions;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmFailuresTest {

  @Test
  void validationErrorsAreFinalAndConflictsAreNot() {
    ApplicationFailure bad = ArmFailures.forStatus(400, "InvalidParameter", "priority out of range", new HttpHeaders(), "tm", "role", null);
    assertTrue(bad.isNonRetryable());
    assertEquals(ArmFailures.INVALID_REQUEST, bad.getType());
    assertTrue(bad.getOriginalMessage().contains("InvalidParameter: priority out of range"), bad.getOriginalMessage());

    ApplicationFailure conflict = ArmFailures.forStatus(409, "Conflict", "another operation is in progress", new HttpHeaders(), "tm", "role", null);
    assertFalse(conflict.isNonRetryable());

    ApplicationFailure unauthenticated = ArmFailures.forStatus(401, null, null, new HttpHeaders(), "tm", "Reader", null);
    assertTrue(unauthenticated.isNonRetryable());
    assertEquals(ArmFailures.AUTHORIZATION_FAILED, unauthenticated.getType());
  }

  @Test
  void retryAfterReadsSecondsDatesAndMilliseconds() {
    assertEquals(Duration.ofSeconds(12), ArmFailures.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "12")));
    assertEquals(Duration.ofMillis(1500),
        ArmFailures.retryAfter(new HttpHeaders().set(HttpHeaderName.fromString("x-ms-retry-after-ms"), "1500")));
    String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
    Duration fromDate = ArmFailures.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, in30s));
    assertTrue(fromDate.toSeconds() >= 28 && fromDate.toSeconds() <= 30, fromDate.toString());
    assertEquals(Duration.ofSeconds(10), ArmFailures.retryAfter(new HttpHeaders()), "Azure's floor when it says nothing");
  }

  @Test
  void anUnreachableResourceManagerIsRetried() {
    ActivitiesConfig config = ActivitiesConfig.emulator(URI.create("http://127.0.0.1:9"), 0);
    try (ActivityHarness harness = new ActivityHarness(config)) {
      harness.register(new TrafficManagerActivities(harness.clients));
      ApplicationFailure f = ActivityHarness.failure(() -> harness.stub(TrafficManagerActions.class).setEndpointPriority(
          ActivityHarness.request("trafficManager.setEndpointPriority", "trafficManager", TrafficManagerActivitiesTest.PROFILE,
              Map.of("endpoint", "westus2", "priority", 1))));
      assertEquals(ArmFailures.UNREACHABLE, f.getType(), f.getOriginalMessage());
      assertFalse(f.isNonRetryable());
    }
  }
}
