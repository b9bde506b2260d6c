package dev.continuity.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code continuity worker} as its own operating-system process (the test's class path, the
 * production command), so a test can kill it the way a crashed host dies: SIGKILL, no shutdown
 * hook, no graceful drain.
 */
final class WorkerProcess implements AutoCloseable {
  private static final long READY_TIMEOUT_MS = 60_000;

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a worker against {@code temporalTarget} whose actions reach the ARM emulator at
   * {@code armEndpoint}, and waits until it polls.
   */
  static WorkerProcess start(String temporalTarget, String armEndpoint, Path dir, Map<String, String> extraEnv) {
    try {
      Files.createDirectories(dir);
      Path log = Files.createTempFile(dir, "worker-", ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // A worker that starts quickly keeps the matrix short; C1 is plenty for a test worker.
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xmx256m");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Continuity.class.getName());
      cmd.add("worker");
      cmd.add("--temporal");
      cmd.add(temporalTarget);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("CONTINUITY_ARM_ENDPOINT", armEndpoint);
      pb.environment().put("CONTINUITY_TIME_SCALE", "0");
      pb.environment().put("CONTINUITY_REPORT_DIR", dir.resolve("reports").toString());
      // Any free port: workers of one test may overlap, and 9464 may be a real worker's.
      pb.environment().put("CONTINUITY_METRICS_PORT", "0");
      pb.environment().putAll(extraEnv);
      WorkerProcess w = new WorkerProcess(pb.start(), log);
      w.awaitReady();
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (Files.readString(log).contains("worker running:")) return;
      if (!process.isAlive()) throw new AssertionError("worker exited with " + process.exitValue() + ":\n" + output());
      CliHarness.sleep(50);
    }
    process.destroyForcibly();
    throw new AssertionError("worker not polling within " + READY_TIMEOUT_MS + " ms:\n" + output());
  }

  /** SIGKILL, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("worker " + process.pid() + " survived SIGKILL");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The worker's /metrics, as its start line names it. */
  String metricsUrl() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("metrics on :(\\d+)/metrics").matcher(output());
    if (!m.find()) throw new AssertionError("the worker serves no metrics:\n" + output());
    return "http://127.0.0.1:" + m.group(1) + "/metrics";
  }

  long pid() {
    return process.pid();
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) kill();
  }
}
