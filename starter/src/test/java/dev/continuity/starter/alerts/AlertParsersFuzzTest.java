package dev.continuity.starter.alerts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.continuity.model.estate.Severity;

/**
 * Coverage-guided fuzzing of the alert parsers (Jazzer): whatever the bytes, a parser answers with
 * a signal or a {@link BadAlertException} naming the problem; any other exception would be a 500.
 * Without JAZZER_FUZZ it replays the seeds in AlertParsersFuzzTestInputs (real payloads); CI sets
 * JAZZER_FUZZ=1 and it fuzzes for maxDuration.
 */
class AlertParsersFuzzTest {
  private static final ResourceHealthEvents HEALTH = new ResourceHealthEvents(Severity.Sev1);

  @FuzzTest(maxDuration = "20s")
  void everyBodyIsASignalOrANamedRefusal(FuzzedDataProvider data) {
    boolean eventGrid = data.consumeBoolean();
    String body = data.consumeRemainingAsString();
    try {
      if (eventGrid) {
        EventGridDelivery d = EventGridParser.parse(body, HEALTH);
        assertNotNull(d.signals());
        for (AlertSignal s : d.signals()) assertNotNull(s.key());
      } else {
        AlertSignal s = CommonAlertParser.parse(body);
        assertNotNull(s.key());
        assertNotNull(s.severity());
        assertNotNull(s.condition());
      }
    } catch (BadAlertException refused) {
      assertNotNull(refused.getMessage());
      assertFalse(refused.getMessage().isBlank());
    }
  }
}
