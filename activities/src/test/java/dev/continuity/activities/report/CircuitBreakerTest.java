package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-11-21T12:00:00Z");

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  }

  @Test
  void opensAfterThresholdFailuresAndTriesOnceAfterTheCoolOff() {
    ManualClock clock = new ManualClock();
    CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(60), clock);
    b.failed();
    b.failed();
    assertTrue(b.allows(), "two failures leave it closed");
    b.failed();
    assertEquals(CircuitBreaker.State.OPEN, b.state());
    assertFalse(b.allows());

    clock.now = clock.now.plusSeconds(61);
    assertEquals(CircuitBreaker.State.HALF_OPEN, b.state());
    assertTrue(b.allows(), "one trial call");
    assertFalse(b.allows(), "only one trial at a time");
    b.failed();
    assertEquals(CircuitBreaker.State.OPEN, b.state(), "a failed trial reopens at once");

    clock.now = clock.now.plusSeconds(61);
    assertTrue(b.allows());
    b.succeeded();
    assertEquals(CircuitBreaker.State.CLOSED, b.state());
    b.failed();
    assertEquals(CircuitBreaker.State.CLOSED, b.state(), "a success resets the count");
  }

  @Test
  void aHalfOpenEndpointThatRecoveredWritesAgain() throws Exception {
    ManualClock clock = new ManualClock();
    try (OpenAiStub primary = new OpenAiStub(OpenAiStub.status(500), OpenAiStub.status(500),
        OpenAiStub.answer(ReportFixtures.goodAnswer()))) {
      ModelEndpoint e = new ModelEndpoint("primary", "openai", primary.baseUrl(), "gpt-4o", "key", "K", null, 5, 0, 1, 2, 30);
      ReportAuthors authors = ReportAuthors.of(java.util.List.of(e), k -> "sk-x", clock);
      ReportFacts facts = ReportFacts.of(ReportFixtures.plan(), ReportFixtures.timeline(dev.continuity.model.operation.Outcome.SUCCEEDED));
      assertEquals("template", authors.write(facts, "t").writtenBy());
      assertEquals("template", authors.write(facts, "t").writtenBy());
      assertEquals("template", authors.write(facts, "t").writtenBy());
      assertEquals(2, primary.requests.size(), "open after two failures");
      clock.now = clock.now.plusSeconds(31);
      assertEquals("primary (gpt-4o)", authors.write(facts, "t").writtenBy());
      assertEquals(CircuitBreaker.State.CLOSED, authors.links().get(0).breaker().state());
    }
  }
}
