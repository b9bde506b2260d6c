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
  private static final long READY_TIMEOUT_MS = 180_000;

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
    return start(temporalTarget, "default", armEndpoint, dir, extraEnv);
  }

  /** As {@link #start(String, String, Path, Map)}, in Temporal namespace {@code namespace}. */
  static WorkerProcess start(String temporalTarget, String namespace, String armEndpoint, Path dir, Map<String, String> extraEnv) {
    for (int attempt = 1; ; attempt++) {
      try {
        return launch(temporalTarget, namespace, armEndpoint, dir, extraEnv);
      } catch (NotReachable e) {
        // On a saturated machine the worker's first call to the server can miss its deadline; it exits, as it should.
        if (attempt == 8) throw e;
        CliHarness.sleep(2000);
      }
    }
  }

  /** The worker gave up reaching Temporal at start. */
  static final class NotReachable extends AssertionError {
    NotReachable(String message) {
      super(message);
    }
  }

  private static String jarredClassPath;

  /**
   * The test's class path with its class directories packed as jars, once per run: workers started
   * during a long crash matrix run the code the matrix started with, whatever is rebuilt meanwhile.
   * The jars live in their own directory for the whole JVM, not in the first caller's: a test's
   * temporary directory is deleted when it ends, and the next test's workers still need them.
   */
  private static synchronized String classPath() throws IOException {
    if (jarredClassPath != null) return jarredClassPath;
    Path dir = Files.createTempDirectory("continuity-worker-classpath");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.isDirectory(p)) {
        entries.add(entry);
        continue;
      }
      Path jar = dir.resolve((n++) + "-" + p.getParent().getParent().getFileName() + ".jar");
      Files.createDirectories(jar.getParent());
      try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(p)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new java.util.jar.JarEntry(p.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
      entries.add(jar.toString());
    }
    jarredClassPath = String.join(java.io.File.pathSeparator, entries);
    return jarredClassPath;
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException gone) {
      // nothing left to clean
    }
  }

  private static WorkerProcess launch(String temporalTarget, String namespace, String armEndpoint, Path dir,
      Map<String, String> extraEnv) {
    try {
      Files.createDirectories(dir);
      Path log = Files.createTempFile(dir, "worker-", ".log");
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // A worker that starts quickly keeps the matrix short; C1 is plenty for a test worker.
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xmx256m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-cp");
      cmd.add(classPath());
      cmd.add(Continuity.class.getName());
      cmd.add("worker");
      cmd.add("--temporal");
      cmd.add(temporalTarget);
      cmd.add("--namespace");
      cmd.add(namespace);
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
      if (!process.isAlive()) {
        String why = "worker exited with " + process.exitValue() + ":\n" + output();
        throw why.contains("cannot reach Temporal") ? new NotReachable(why) : new AssertionError(why);
      }
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
