package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuity detect start|stop|status} on the in-process server with the shipped inventory. */
class DetectCommandTest {
  private CliHarness cli;

  @BeforeEach
  void start() {
    cli = new CliHarness();
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void helpShowsTheSubcommandsAndExamples() {
    CliHarness.Run help = cli.run("detect", "--help");
    assertEquals(0, help.exit(), help.toString());
    assertTrue(help.out().contains("continuity detect start --stamp ai-platform"), help.out());
    for (String sub : new String[] {"start", "stop", "status"}) assertTrue(help.out().contains(sub), help.out());
  }

  @Test
  void startStatusAndStopALoop() {
    CliHarness.Run started = cli.run("detect", "start", "--stamp", "ai-platform");
    assertEquals(0, started.exit(), started.toString());
    assertTrue(started.out().contains("probe loop of ai-platform started: eastus2 through health every 5 s; 3 failed rounds in a row, "
        + "each seen by 2 vantage point(s), ask for a Sev1 failover"), started.out());

    CliHarness.Run again = cli.run("detect", "start", "--stamp", "ai-platform");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("the probe loop of ai-platform already runs with these settings: unchanged"), again.out());

    CliHarness.Run status = cli.run("detect", "status", "--stamp", "ai-platform", "--json");
    assertEquals(0, status.exit(), status.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> loop = status.json(Map.class);
    assertEquals("probe-ai-platform", loop.get("workflowId"));
    assertEquals(true, loop.get("running"));

    CliHarness.Run stopped = cli.run("detect", "stop", "--stamp", "ai-platform", "--as", "alice@contoso.com");
    assertEquals(0, stopped.exit(), stopped.toString());
    long deadline = System.currentTimeMillis() + 20_000;
    CliHarness.Run after;
    do {
      after = cli.run("detect", "status", "--stamp", "ai-platform");
      if (after.out().contains("ended")) break;
      CliHarness.sleep(50);
    } while (System.currentTimeMillis() < deadline);
    assertTrue(after.out().contains("probe loop probe-ai-platform: ended"), after.toString());

    CliHarness.Run stopAgain = cli.run("detect", "stop", "--stamp", "ai-platform");
    assertEquals(2, stopAgain.exit(), stopAgain.toString());
    assertTrue(stopAgain.err().contains("no probe loop of stamp ai-platform is running"), stopAgain.toString());
  }

  @Test
  void startingARunningLoopAgainAfterAnEditHandsItTheEditedSettings(@TempDir Path dir) throws IOException {
    CliHarness.copyRunbooks(dir);
    String config = dir.toString();
    CliHarness.Run started = cli.run("detect", "start", "--stamp", "ai-platform", "--config", config);
    assertEquals(0, started.exit(), started.toString());

    Path inventory = dir.resolve("inventory.yaml");
    String shipped = "detection: { probe: health, interval: 5s, consecutiveFailures: 3, quorum: 2, severity: Sev1 }";
    String text = Files.readString(inventory);
    assertTrue(text.contains(shipped), "the shipped detection block changed: adapt this test");
    Files.writeString(inventory, text.replace(shipped,
        "detection: { probe: health, interval: 10s, consecutiveFailures: 2, quorum: 2, severity: Sev0 }"));

    CliHarness.Run edited = cli.run("detect", "start", "--stamp", "ai-platform", "--config", config);
    assertEquals(0, edited.exit(), edited.toString());
    assertTrue(edited.out().contains("the probe loop of ai-platform already runs; it took the edited settings over:"), edited.out());
    assertTrue(edited.out().contains("  interval 5 s -> 10 s\n  consecutiveFailures 3 -> 2\n  severity Sev1 -> Sev0\n"), edited.out());
    assertTrue(edited.out().contains("failed rounds kept"), edited.out());

    CliHarness.Run status = cli.run("detect", "status", "--stamp", "ai-platform", "--config", config);
    assertTrue(status.out().contains("settings changed: after round ") && status.out().contains("consecutiveFailures 3 -> 2"),
        status.out());

    CliHarness.Run again = cli.run("detect", "start", "--stamp", "ai-platform", "--config", config);
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("already runs with these settings: unchanged"), again.out());
  }


  @Test
  void mistakesAreClearMessagesNotStackTraces() {
    CliHarness.Run unknown = cli.run("detect", "start", "--stamp", "ai-platfrom");
    assertFalse(unknown.exit() == 0, unknown.toString());
    assertTrue(unknown.err().contains("unknown stamp 'ai-platfrom'") && unknown.err().contains("ai-platform"), unknown.toString());
    assertFalse(unknown.err().contains("\tat "), unknown.toString());

    CliHarness.Run none = cli.run("detect", "status", "--stamp", "web-api");
    assertEquals(0, none.exit(), none.toString());
    assertTrue(none.out().contains("stamp web-api has no probe loop"), none.out());

    CliHarness.Run missing = cli.run("detect", "start");
    assertEquals(2, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("--stamp"), missing.toString());
  }
}
