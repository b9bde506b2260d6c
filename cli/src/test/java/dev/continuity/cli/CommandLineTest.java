package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.cli.CliHarness.Run;
import dev.continuity.model.config.Problem;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.TemporalUnavailableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage errors, help, validate and plan: everything that needs no Temporal server. */
class CommandLineTest {

  /** A connector that must not be used: these commands work without Temporal. */
  private static final Function<TemporalConnection, TemporalSession> NO_TEMPORAL = c -> {
    throw new AssertionError("this command must not connect to Temporal");
  };

  private static Run run(Map<String, String> env, Function<TemporalConnection, TemporalSession> connector, String... args) {
    return CliHarness.execute(new Continuity(env, connector, ConfigSource.FILES).withTty(false).commandLine(), args);
  }

  private static Run run(String... args) {
    return run(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString()), NO_TEMPORAL, args);
  }

  @Test
  void noCommandPrintsUsageAndExitsTwo() {
    Run r = run();
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Usage: continuity"), r.err());
  }

  @Test
  void unknownCommandSuggestsTheNearestOneAndExitsTwo() {
    Run r = run("falover", "--stamp", "ai-platform");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("continuity: Unmatched argument"), r.err());
    assertTrue(r.err().contains("failover"), r.err());
    assertTrue(r.err().contains("Try 'continuity --help'"), r.err());
  }

  @Test
  void missingOrBadOptionsAreOneLineUsageErrors() {
    Run missing = run("failover");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("continuity: Missing required option: '--stamp=STAMP'"), missing.err());
    assertTrue(missing.err().contains("Try 'continuity failover --help'"), missing.err());

    Run severity = run("failover", "--stamp", "ai-platform", "--severity", "Sev9");
    assertEquals(2, severity.exit());
    assertTrue(severity.err().contains("'Sev9' is not a severity"), severity.err());

    Run mode = run("plan", "--stamp", "ai-platform", "--mode", "sideways");
    assertEquals(2, mode.exit());
    assertTrue(mode.err().contains("'sideways' is not a mode; use failover, failback or drill"), mode.err());

    Run noIdentity = run("approve", "op-1");
    assertEquals(2, noIdentity.exit());
    assertTrue(noIdentity.err().contains("--as=IDENTITY"), noIdentity.err());
  }

  @Test
  void everyCommandsHelpTeachesExamplesAndExitCodes() {
    CommandLine cl = new Continuity(Map.of(), NO_TEMPORAL, ConfigSource.FILES).commandLine();
    List<String> names = new ArrayList<>(cl.getSubcommands().keySet());
    assertTrue(names.containsAll(List.of("validate", "plan", "worker", "failover", "failback", "drill", "approve",
        "reject", "decide", "status", "list")), names.toString());
    names.add(0, null);
    for (String name : names) {
      Run r = name == null ? run("--help") : run(name, "--help");
      assertEquals(0, r.exit(), name);
      assertTrue(r.out().contains("Examples:"), name + ":\n" + r.out());
      assertTrue(r.out().contains("Exit codes:"), name + ":\n" + r.out());
      assertTrue(r.out().contains("--temporal=HOST:PORT") || "validate".equals(name) || "plan".equals(name)
          || r.out().contains("--config"), name);
    }
  }

  @Test
  void validateAcceptsTheShippedRunbooks() {
    Run r = run("validate");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("valid"), r.out());
  }

  @Test
  void validateReportsEveryProblemWithFileLineAndStepAndExitsTwo(@TempDir Path dir) throws IOException {
    CliHarness.copyRunbooks(dir);
    Path runbook = dir.resolve("ai-platform-failover.yaml");
    String text = Files.readString(runbook);
    text = text.replace("action: cosmos.setWriteRegion", "action: cosmos.teleport");
    text = text.replace("dependsOn: [approve-data-loss]\n", "dependsOn: [approve-data-loss, no-such-step]\n");
    Files.writeString(runbook, text);

    Run r = run(Map.of(), NO_TEMPORAL, "validate", "--config", dir.toString());

    assertEquals(2, r.exit(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.stream().anyMatch(l -> l.matches(".*ai-platform-failover\\.yaml:\\d+ \\[step cosmos-write-region\\]: .*cosmos\\.teleport.*")),
        r.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches(".*ai-platform-failover\\.yaml:\\d+ \\[step [a-z-]+\\]: .*no-such-step.*")), r.out());
    assertTrue(lines.get(lines.size() - 1).matches("\\d+ problems in .*"), r.out());
    assertFalse(r.err().contains("Exception"), r.err());

    Run json = run(Map.of(), NO_TEMPORAL, "validate", "--config", dir.toString(), "--json");
    assertEquals(2, json.exit());
    Problem[] problems = json.json(Problem[].class);
    assertTrue(problems.length >= 2, json.out());
    assertTrue(Stream.of(problems).allMatch(p -> p.file() != null && p.line() > 0 && p.message() != null), json.out());
  }

  @Test
  void validateWithoutConfigDirectorySaysWhereToPointIt(@TempDir Path dir) {
    Run r = run(Map.of(), NO_TEMPORAL, "validate", "--config", dir.resolve("missing").toString());
    assertEquals(2, r.exit());
    assertTrue(r.out().contains("--config DIR or CONTINUITY_CONFIG"), r.out());
  }

  @Test
  void planJsonIsTheFrozenPlan() {
    Run r = run("plan", "--stamp", "ai-platform", "--mode", "failover", "--json");
    assertEquals(0, r.exit(), r.toString());
    Plan plan = r.json(Plan.class);
    assertEquals("ai-platform", plan.stamp());
    assertEquals(Mode.FAILOVER, plan.mode());
    assertEquals("westus2", plan.toRegion());
    assertNotNull(plan.step("verify-outage"));
    assertFalse(plan.levels().isEmpty());
    assertFalse(plan.criticalPath().isEmpty());
  }

  @Test
  void planTextShowsLevelsAndCriticalPath() {
    Run r = run("plan", "--stamp", "web-api", "--mode", "drill");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Level 0"), r.out());
    assertTrue(r.out().contains("Critical path"), r.out());
  }

  @Test
  void unknownStampIsAValidationErrorWithTheKnownStamps() {
    Run r = run("plan", "--stamp", "nope", "--mode", "failover");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("unknown stamp 'nope'"), r.err());
    assertTrue(r.err().contains("ai-platform"), r.err());

    Run failover = run("failover", "--stamp", "nope");
    assertEquals(2, failover.exit());
    assertTrue(failover.err().contains("unknown stamp 'nope'"), failover.err());
  }

  @Test
  void unreachableTemporalIsOneLineWithHowToStartOne() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = run(Map.of(), TemporalConnection::open, "approve", "op-1", "--as", "alice@contoso.com",
        "--temporal", "127.0.0.1:" + port);

    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("continuity: cannot reach Temporal at 127.0.0.1:" + port + ": "), r.err());
    assertTrue(r.err().contains("scripts/dev-server.sh start, or set --temporal"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommandAndFallBackToTheEnvironment() {
    AtomicReference<TemporalConnection> seen = new AtomicReference<>();
    Function<TemporalConnection, TemporalSession> capture = c -> {
      seen.set(c);
      throw new TemporalUnavailableException(c.address(), "test", null);
    };
    Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "env-host:7233", "TEMPORAL_NAMESPACE", "env-ns",
        "TEMPORAL_API_KEY", "secret");

    run(env, capture, "list");
    assertEquals("env-host:7233", seen.get().address());
    assertEquals("env-ns", seen.get().namespace());
    assertTrue(seen.get().usesTls(), "an API key implies TLS");

    run(env, capture, "--temporal", "before:7233", "list");
    assertEquals("before:7233", seen.get().address());

    run(env, capture, "list", "--temporal", "after:7233", "--namespace", "prod");
    assertEquals("after:7233", seen.get().address());
    assertEquals("prod", seen.get().namespace());

    run(Map.of(), capture, "list");
    assertEquals("localhost:7233", seen.get().address());
    assertEquals("default", seen.get().namespace());
    assertFalse(seen.get().usesTls());
    assertEquals("http://localhost:8233/namespaces/default/workflows/op-1", seen.get().workflowUrl("op-1"));
  }

}
