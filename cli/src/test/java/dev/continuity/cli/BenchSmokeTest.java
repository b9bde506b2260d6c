package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import dev.continuity.starter.TemporalConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness in a tiny form (a 5-step chain, 3 drills): every measure is produced and
 * the JSON is written. It asserts the harness works, not how fast anything is; the full run is
 * {@code continuity bench} (docs/benchmarks.md).
 */
class BenchSmokeTest {
  @Test
  void theHarnessMeasuresEverythingAndWritesJson(@TempDir Path dir) throws Exception {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) throw new AssertionError("CI must run this: scripts/test.sh sets TEMPORAL_CLI");
    assumeTrue(cli != null, "TEMPORAL_CLI is not set; bench smoke test skipped");
    Path out = dir.resolve("bench.json");
    Continuity c = new Continuity(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString(), "TEMPORAL_CLI", cli),
        TemporalConnection::open, ConfigSource.FILES);
    CliHarness.Run run = CliHarness.execute(c.commandLine(), "bench", "--chain", "5", "--drills", "3", "--out", out.toString());
    assertEquals(0, run.exit(), run.toString());
    System.out.println(run.out());
    assertTrue(run.out().contains("| chain.overheadP99Ms |"), run.toString());
    JsonNode json = Json.MAPPER.readTree(Files.readString(out));
    assertEquals(4, json.path("chain").path("overheadSamples").asInt(), json.toString());
    assertTrue(json.path("chain").path("overheadP50Ms").asLong() >= 0, json.toString());
    assertTrue(json.path("failover").path("sequentialWallMs").asLong() > 0, json.toString());
    assertTrue(json.path("failover").path("measuredCriticalPathMs").asLong() <= json.path("failover").path("sumOfStepsMs").asLong(), json.toString());
    // The replacement is a new process after a SIGKILL: the next step starts after it does.
    assertTrue(json.path("replacementWorker").path("replacementToNextStepMs").asLong() > 0, json.toString());
    assertTrue(json.path("replacementWorker").path("replacementToNextStepMs").asLong()
        >= json.path("replacementWorker").path("replacementStartToPollingMs").asLong(), json.toString());
    // The shipped drill runbook, on copies of web-api, through the stamp entities; memory read inside the worker process.
    assertEquals(3, json.path("concurrentDrills").path("succeeded").asInt(), json.toString());
    assertTrue(json.path("concurrentDrills").path("stepsPerDrill").asInt() > 6, json.toString());
    assertTrue(json.path("concurrentDrills").path("heapPeakMb").asLong() > 0, json.toString());
    assertTrue(json.path("concurrentDrills").path("residentPeakMb").asLong() > 0, json.toString());
    // Every shipped stamp's probe loop saw its primary go down and started its failover.
    int stamps = dev.continuity.model.config.Estate.load(EmulatedEstate.SHIPPED).inventory().stamps().size();
    assertEquals(stamps, json.path("detection").path("operationsStarted").asInt(), json.toString());
    assertTrue(json.path("detection").path("maxOutageToOperationStartMs").asLong() > 0, json.toString());
    assertEquals(stamps, json.path("detection").path("outageToFirstStepMs").size(), json.toString());
  }
}
