package dev.continuity.emulator;

import static dev.continuity.emulator.DemoInventory.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file carries the estate, regions, journal and running operations across a restart. */
class PersistenceTest extends EmulatorTestBase {
  @TempDir Path dir;

  @Test
  void estateRegionHealthAndJournalSurviveARestart() throws IOException {
    Path file = dir.resolve("emulator-state.json");
    start(0, file);
    assertEquals(200, arm.send("PATCH", TM + "/azureEndpoints/westus2", "{\"properties\":{\"priority\":7}}").status());
    control.outage("eastus2");
    control.lag(42, null);
    emulator.stop();
    assertTrue(Files.size(file) > 0);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "only the state file: temp files are renamed into place");
    }

    emulator = ArmEmulator.start(0, file, 0, null); // no inventory: everything must come from the file
    arm = new Arm(emulator);
    control = new EmulatorClient(emulator.baseUrl());
    assertEquals(7, arm.get(TM + "/azureEndpoints/westus2").json().path("properties").path("priority").asInt());
    assertEquals(503, arm.get(REDIS_PRIMARY).status(), "eastus2 is still down after the restart");
    assertEquals(42, control.state().path("defaultLagSeconds").asDouble(), 0.001);
    assertEquals(1, journal("tm-ai-platform", "trafficManager.updateEndpoint").size());
    assertEquals(200, arm.send("PATCH", TM + "/azureEndpoints/westus2", "{\"properties\":{\"priority\":8}}").status());
    assertEquals(2, journal("tm-ai-platform", "trafficManager.updateEndpoint").size());
    long[] seqs = journal(null, null).stream().mapToLong(e -> e.path("seq").asLong()).toArray();
    for (int i = 1; i < seqs.length; i++) assertTrue(seqs[i] > seqs[i - 1], "journal sequence continues after the restart");
  }

  @Test
  void anOperationStartedBeforeARestartCompletesOnceAfterIt() {
    Path file = dir.resolve("state.json");
    start(0.01, file); // 180 s -> 1.8 s
    Arm.Reply accepted = arm.send("POST", COSMOS + "/failoverPriorityChange", cosmosPriorities("westus2", "eastus2"));
    assertEquals(202, accepted.status());
    URI async = URI.create(accepted.header("Azure-AsyncOperation").orElseThrow());
    emulator.stop();

    emulator = ArmEmulator.start(0, file, 0.01, DemoInventory.build());
    arm = new Arm(emulator);
    control = new EmulatorClient(emulator.baseUrl());
    String samePollUrl = emulator.baseUrl() + async.getRawPath() + "?" + async.getRawQuery();
    assertEquals("Succeeded", arm.awaitAsync(samePollUrl).path("status").asText());
    assertEquals("westus2", arm.get(COSMOS).json().path("properties").path("emulatorReplication").path("writeRegion").asText());
    assertEquals(1, journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").size());
    Arm.sleep(200);
    emulator.stop();
    emulator = ArmEmulator.start(0, file, 0.01, DemoInventory.build());
    control = new EmulatorClient(emulator.baseUrl());
    assertEquals(1, journal("cosmos-ai-platform", "cosmos.failoverPriorityChange").size(), "not applied again by a second restart");
    assertFalse(control.state().path("operations").toString().contains("InProgress"));
  }
}
