package dev.continuity.cli.bench;

import dev.continuity.cli.Continuity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code continuity worker} as its own operating-system process, started from this JVM's class
 * path, so the benchmark can kill it as a host dies (SIGKILL) and read its memory from inside it
 * (its heap through a local JMX connection, its peak resident set from the kernel).
 */
final class WorkerProcess implements AutoCloseable {
  private static final long READY_TIMEOUT_MS = 120_000;

  private final Process process;
  private final Path log;
  final long startedAtMillis;
  final long readyAtMillis;
  private JMXConnector jmx;

  private WorkerProcess(Process process, Path log, long startedAtMillis, long readyAtMillis) {
    this.process = process;
    this.log = log;
    this.startedAtMillis = startedAtMillis;
    this.readyAtMillis = readyAtMillis;
  }

  /** Starts a worker whose actions reach the emulator at {@code armEndpoint}, and waits until it polls. */
  static WorkerProcess start(String temporalTarget, String namespace, String armEndpoint, double timeScale, Path config,
      Path dir) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return launch(temporalTarget, namespace, armEndpoint, timeScale, config, dir);
      } catch (IllegalStateException e) {
        // A saturated machine can make the worker's first call to the server miss its deadline; the worker exits, as it should.
        if (attempt == 5 || !String.valueOf(e.getMessage()).contains("cannot reach Temporal")) throw e;
        Thread.sleep(2000);
      }
    }
  }

  private static WorkerProcess launch(String temporalTarget, String namespace, String armEndpoint, double timeScale, Path config,
      Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = Files.createTempFile(dir, "worker-", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Continuity.class.getName());
    cmd.addAll(List.of("worker", "--temporal", temporalTarget, "--namespace", namespace));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // The benchmark's own server, in clear: nothing of the operator's Temporal or payload settings.
    pb.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_") || k.startsWith("CONTINUITY_PAYLOAD_KEY"));
    pb.environment().putAll(Map.of(
        "CONTINUITY_ARM_ENDPOINT", armEndpoint,
        "CONTINUITY_TIME_SCALE", String.valueOf(timeScale),
        "CONTINUITY_CONFIG", config.toAbsolutePath().toString(),
        "CONTINUITY_REPORT_DIR", dir.resolve("reports").toString()));
    long started = System.currentTimeMillis();
    Process p = pb.start();
    long deadline = started + READY_TIMEOUT_MS;
    while (System.currentTimeMillis() < deadline) {
      if (Files.readString(log).contains("worker running:")) return new WorkerProcess(p, log, started, System.currentTimeMillis());
      if (!p.isAlive()) throw new IllegalStateException("the worker exited with " + p.exitValue() + ":\n" + Files.readString(log));
      Thread.sleep(5);
    }
    p.destroyForcibly();
    throw new IllegalStateException("the worker did not poll within " + READY_TIMEOUT_MS / 1000 + " s; its log: " + log);
  }

  /** SIGKILL: no shutdown hook, no drain; returns once the process is gone. */
  void kill() throws InterruptedException {
    closeJmx();
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("worker " + process.pid() + " survived SIGKILL");
  }

  /** The kernel's high-water mark of the process's resident memory (VmHWM), in MB; -1 where /proc has none. */
  long peakResidentMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /**
   * The worker JVM's own heap figures, read through the JDK's attach mechanism and a local JMX
   * connection (null when the JDK cannot attach, e.g. on a JRE).
   */
  MemoryMXBean memory() {
    try {
      if (jmx == null) {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(process.pid()));
        try {
          jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
          vm.detach();
        }
      }
      MBeanServerConnection c = jmx.getMBeanServerConnection();
      return java.lang.management.ManagementFactory.newPlatformMXBeanProxy(c, java.lang.management.ManagementFactory.MEMORY_MXBEAN_NAME,
          MemoryMXBean.class);
    } catch (Exception | LinkageError e) {
      return null;
    }
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void closeJmx() {
    if (jmx == null) return;
    try {
      jmx.close();
    } catch (IOException e) {
      // the worker is going away
    }
    jmx = null;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) kill();
  }
}
