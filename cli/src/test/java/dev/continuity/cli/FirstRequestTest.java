package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.cli.CliHarness.Run;
import org.junit.jupiter.api.Test;

/** The first request of a stamp starts its entity in the same call (update-with-start). */
class FirstRequestTest {

  @Test
  void failoverOfAStampWithoutEntityStartsItAndRunsTheOperation() {
    try (CliHarness cli = new CliHarness()) {
      Run before = cli.run("status");
      assertEquals(0, before.exit(), before.toString());
      assertTrue(before.out().lines().anyMatch(l -> l.startsWith("web-api") && l.contains("(no operation yet)")), before.out());

      Run r = cli.run("failover", "--stamp", "web-api", "--severity", "Sev0", "--wait");
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("outcome SUCCEEDED  active region westus"), r.out());
    }
  }
}
