package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void readsShortAndIsoForms() {
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(15), Durations.parse("15m"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofDays(2), Durations.parse("2d"));
    assertEquals(Duration.ofMinutes(15), Durations.parse("PT15M"));
    assertEquals(Duration.ofMinutes(15), Durations.parse("pt15m"));
  }

  @Test
  void refusesWhatIsNotADuration() {
    assertNull(Durations.parse("30"));
    assertNull(Durations.parse("5 minutes"));
    assertNull(Durations.parse("PTX"));
    assertNull(Durations.parse(""));
    assertNull(Durations.parse("99999999999999999999h"));
  }

  @Test
  void formatsShortly() {
    assertEquals("0s", Durations.format(Duration.ZERO));
    assertEquals("1h 5m", Durations.format(Duration.ofMinutes(65)));
    assertEquals("16m 47s", Durations.format(Duration.ofSeconds(16 * 60 + 47)));
  }
}
