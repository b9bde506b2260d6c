package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.operation.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroundingCheckTest {
  private static final ReportFacts FACTS = ReportFacts.of(ReportFixtures.plan(), ReportFixtures.timeline(Outcome.SUCCEEDED));

  private static Optional<String> check(String from, String to) {
    String text = ReportFixtures.goodAnswer().replace(from, to);
    assertTrue(!text.equals(ReportFixtures.goodAnswer()) || from.equals(to), "fixture text changed: " + from);
    return GroundingCheck.refusal(text, FACTS);
  }

  @Test
  void theGoodAnswerPasses() {
    assertEquals(Optional.empty(), GroundingCheck.refusal(ReportFixtures.goodAnswer(), FACTS));
  }

  @Test
  void roundedMinutesOfAMeasuredValuePass() {
    assertEquals(Optional.empty(), check("measured RTO of 250 s", "measured RTO of about 4 min"));
    assertEquals(Optional.empty(), check("measured RTO of 250 s", "measured RTO of 4 min 10 s"));
    assertEquals(Optional.empty(), check("measured RTO of 250 s", "measured RTO of 4.2 minutes"));
  }

  @Test
  void everyMissingSectionIsNamed() {
    Optional<String> r = check("## Impact Analysis", "## Impact");
    assertEquals(Optional.of("missing section(s): Impact Analysis"), r);
  }

  @Test
  void aWrongRpoIsRefused() {
    Optional<String> r = check("The data-loss window was 42 s", "The data-loss window was 60 s");
    assertTrue(r.orElse("").contains("data-loss window that differs"), r.toString());
  }

  @Test
  void aWrongTargetIsRefused() {
    Optional<String> r = check("against a target of 5 min", "against a target of 15 min");
    assertTrue(r.isPresent(), "15 min is no fact");
  }

  @Test
  void anInventedTimeIsRefused() {
    Optional<String> r = check("22:17:30 UTC: traffic moved", "22:19:30 UTC: traffic moved");
    assertEquals(Optional.of("states a time not in the facts: 22:19:30"), r);
  }

  @Test
  void aWrongCountIsRefused() {
    Optional<String> r = check("after 2 attempts", "after 3 attempts");
    assertTrue(r.orElse("").contains("count not in the facts"), r.toString());
    assertTrue(check("All 4 steps succeeded", "All 5 steps succeeded").isPresent());
  }

  @Test
  void anInventedDurationAnywhereIsRefused() {
    Optional<String> r = check("the operation took 298 s in all", "the operation took 20 minutes in all");
    assertTrue(r.orElse("").contains("duration not in the facts"), r.toString());
  }
}
