package dev.continuity.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Azurite's Blob service (the Azure Storage emulator) for one test class: installed by
 * scripts/azurite.sh, which scripts/test.sh runs and exports as AZURITE_BLOB. Under CI its absence
 * fails; elsewhere the test skips. Blob only, in memory, on a free port, no telemetry.
 */
final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account and key (public, the same in every Azurite). */
  static final String ACCOUNT = "devstoreaccount1";
  static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  private final Path log;
  final int port;

  private Azurite(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static Azurite start() throws IOException, InterruptedException {
    String launcher = System.getenv("AZURITE_BLOB");
    if (launcher == null && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI must run the Blob report store test: scripts/test.sh sets AZURITE_BLOB (scripts/azurite.sh)");
    }
    assumeTrue(launcher != null, "AZURITE_BLOB is not set (scripts/test.sh sets it from scripts/azurite.sh); Blob store tests skipped");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("azurite");
    Path log = dir.resolve("azurite.log");
    Process p = new ProcessBuilder(List.of(launcher, "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
        "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Azurite a = new Azurite(p, port, log);
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("Azurite exited with " + p.exitValue() + ": " + Files.readString(log));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return a;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    a.close();
    throw new AssertionError("Azurite did not listen on " + port + " within 30 s: " + Files.readString(log));
  }

  /** The Blob endpoint of the development account, path-style as Azurite serves it. */
  String accountUrl() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=" + accountUrl() + ";";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
