package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.Facts;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.starter.OperationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 3's promise for every shipped stamp: with the primary region down, the failover moves the
 * stamp through the real SDK clients, measures the data-loss window, and the failback afterwards
 * returns every resource to where it started.
 */
class ShippedStampsOnEmulatorTest {

  @ParameterizedTest
  @ValueSource(strings = {"ai-platform", "web-api", "data-pipelines", "aks-airflow", "genai"})
  void failoverThenFailbackReturnsTheEstateToItsStart(String stampName, @TempDir Path reports) throws Exception {
    try (EmulatedEstate e = new EmulatedEstate(reports)) {
      Stamp stamp = e.stamp(stampName);
      Map<String, JsonNode> before = e.estateSnapshot();

      e.control.outage(stamp.primaryRegion());
      OperationTicket failover = e.request(stampName, Mode.FAILOVER, Severity.Sev1, false);
      OperationStatus down = e.runToEnd(failover, Mode.FAILOVER);
      assertEquals(Outcome.SUCCEEDED, down.result().outcome(), down.result().summary());
      assertEquals(stamp.secondaryRegion(), down.result().activeRegion());
      assertTrue(Files.readString(Path.of(down.result().reportLocation())).contains("## Executive Summary"));
      // The emulator lags replication, so the unplanned failover measures a real data-loss window and reports it.
      long loss = maxDataLoss(down);
      assertTrue(loss > 0, "the failover measured the replication lag: " + down.timeline().steps);
      assertTrue(Files.readString(Path.of(down.result().reportLocation())).contains("Measured data-loss window: " + loss + " s"));
      assertTrue(e.estateSnapshot().values().stream().anyMatch(v -> !before.containsValue(v)), "the failover changed the estate");
      if (stampName.equals("data-pipelines")) {
        // The primary is down: its freeze is attempted, recorded as not reached, and the failover goes on.
        assertEquals(false, step(down, "freeze-primary-triggers").facts.get("reached"), down.timeline().steps.toString());
        assertEquals(false, step(down, "freeze-primary-job-runs").facts.get("reached"), down.timeline().steps.toString());
      }

      // Each change happened exactly once: no journal entry repeats an operation on a resource.
      JsonNode entries = e.control.journal().path("entries");
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (JsonNode entry : entries) {
        String key = entry.path("operation").asText() + " " + entry.path("resourceId").asText() + " " + entry.path("after").asText();
        assertTrue(seen.add(key), "applied twice: " + key);
      }

      e.control.restore(stamp.primaryRegion());
      OperationTicket failback = e.request(stampName, Mode.FAILBACK, Severity.Sev3, true);
      OperationStatus back = e.runToEnd(failback, Mode.FAILBACK);
      assertEquals(Outcome.SUCCEEDED, back.result().outcome(), back.result().summary());
      assertEquals(stamp.primaryRegion(), back.result().activeRegion());
      if (stampName.equals("data-pipelines")) {
        // What came back running in the primary is stopped before the database switches, then resumed.
        assertEquals(java.util.List.of("hourly-ingest", "nightly-curate"), step(back, "stop-returned-pipelines").facts.get("stopped"));
        assertEquals(java.util.List.of("curate", "features"), step(back, "pause-returned-jobs").facts.get("paused"));
      }

      assertEquals(java.util.List.of(), differences(before, e.estateSnapshot()),
          "after failover and failback the estate is as it started");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ai-platform", "web-api", "data-pipelines", "aks-airflow", "genai"})
  void drillVisitsTheSecondaryAndLeavesTheEstateAsItWas(String stampName, @TempDir Path reports) throws Exception {
    try (EmulatedEstate e = new EmulatedEstate(reports)) {
      Stamp stamp = e.stamp(stampName);
      Map<String, JsonNode> before = e.estateSnapshot();

      OperationStatus drill = e.runToEnd(e.request(stampName, Mode.DRILL, Severity.Sev3, true), Mode.DRILL);

      assertEquals(Outcome.SUCCEEDED, drill.result().outcome(), drill.result().summary());
      assertEquals(stamp.primaryRegion(), drill.result().activeRegion());
      assertTrue(drill.timeline().steps.stream().anyMatch(s -> s.id.startsWith("validate/")), "the drill ran its validation phase");
      assertTrue(e.control.journal().path("entries").size() > 4, "the drill really moved the stamp and back");
      if (stampName.equals("data-pipelines")) {
        // The primary answers during a drill: it really is frozen (and the failback resumes it, see below).
        assertEquals(java.util.List.of("hourly-ingest", "nightly-curate"), step(drill, "freeze-primary-triggers").facts.get("stopped"));
        assertEquals(java.util.List.of("curate", "features"), step(drill, "freeze-primary-jobs").facts.get("paused"));
      }
      assertEquals(java.util.List.of(), differences(before, e.estateSnapshot()), "a drill leaves the estate as it found it");
    }
  }

  private static java.util.List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
    return EmulatedEstate.differences(before, after, "before", "after");
  }

  /** The step whose id is {@code id} (a drill prefixes its phases, e.g. "failover/<id>"). */
  private static StepRecord step(OperationStatus s, String id) {
    return s.timeline().steps.stream().filter(r -> r.id.equals(id) || r.id.endsWith("/" + id)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + id + " in " + s.timeline().steps));
  }

  private static long maxDataLoss(OperationStatus s) {
    long max = -1;
    for (StepRecord step : s.timeline().steps) {
      Object v = step.facts.get(Facts.EXPECTED_DATA_LOSS_SECONDS);
      if (v instanceof Number n) max = Math.max(max, n.longValue());
    }
    return max;
  }
}
