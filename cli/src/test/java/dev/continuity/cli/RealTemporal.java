package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.continuity.starter.DetectedOutageStarter;
import dev.continuity.starter.ScheduledDrillStarter;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.codec.PayloadKeys;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.workflows.Workflows;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Temporal server for one test class: the Temporal CLI's dev server (scripts/test.sh sets
 * TEMPORAL_CLI; under CI its absence fails, elsewhere it skips), its search attributes registered,
 * connected through the production connection code, with a worker running the real workflows and
 * the test doubles of the actions, the report and the notifications.
 */
final class RealTemporal implements AutoCloseable {
  final TemporalDevServer server;
  final TemporalSession session;
  final ScriptedActions actions = new ScriptedActions();
  private final ContinuityWorker worker;

  private RealTemporal(PayloadKeys keys) {
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the real-server tests: scripts/test.sh sets TEMPORAL_CLI");
    }
    assumeTrue(cli != null, "TEMPORAL_CLI is not set (scripts/test.sh sets it); real-server tests skipped");
    server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error").build());
    session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null, false, null, keys)
        .open();
    assertTrue(SearchAttributeSetup.ensure(session.operatorService(), server.getNamespace()).complete());
    worker = new ContinuityWorker(session.client(), Workflows.IMPLEMENTATIONS, List.of(actions, new TestReport(),
        new TestNotifications(), new ScheduledDrillStarter(session.client(), CliHarness.RUNBOOKS),
        new DetectedOutageStarter(session.client(), CliHarness.RUNBOOKS)));
    worker.start();
  }

  static RealTemporal start() {
    return new RealTemporal(null);
  }

  /** Every client and the worker encrypt payloads with these keys. */
  static RealTemporal start(PayloadKeys keys) {
    return new RealTemporal(keys);
  }

  /** {@code continuity args... --temporal <this server>}, with the shipped runbooks and {@code env} added. */
  CliHarness.Run continuity(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--temporal";
    all[args.length + 1] = server.getTarget();
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString());
    Continuity c = new Continuity(environment, TemporalConnection::open, ConfigSource.FILES)
        .withPollInterval(Duration.ofMillis(200));
    return CliHarness.execute(c.commandLine(), all);
  }

  CliHarness.Run continuity(String... args) {
    return continuity(Map.of(), args);
  }

  @Override
  public void close() {
    worker.close();
    session.close();
    server.close();
  }
}
