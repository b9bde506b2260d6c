package dev.continuity.cli;

import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.codec.PayloadKeys;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Temporal server on this machine for the embedded default: the Temporal CLI's dev server (real
 * server, SQLite, Web UI) when its binary is known, else the SDK's in-process test server.
 */
final class LocalTemporal implements AutoCloseable {
  private final TemporalSession session;
  private final String description;
  private final AutoCloseable server;
  private final String uiUrl;

  private LocalTemporal(TemporalSession session, String description, AutoCloseable server, String uiUrl) {
    this.session = session;
    this.description = description;
    this.server = server;
    this.uiUrl = uiUrl;
  }

  /** The dev server's Web UI ("http://127.0.0.1:8233"), or null for the in-process server, which has none. */
  String uiUrl() {
    return uiUrl;
  }

  TemporalSession session() {
    return session;
  }

  /** "Temporal dev server on 127.0.0.1:7233, Web UI http://127.0.0.1:8233" or the in-process one. */
  String description() {
    return description;
  }

  /**
   * @param temporalCli the Temporal CLI binary, or null for the in-process server
   * @param dataDir where the dev server keeps its SQLite database and log
   * @param keys the payload keys every client and worker of this Temporal encrypts with (as the
   *     production worker and clients do), or null for plain payloads
   */
  static LocalTemporal start(String temporalCli, Path dataDir, PayloadKeys keys) {
    if (temporalCli != null && Files.isExecutable(Path.of(temporalCli))) return devServer(temporalCli, dataDir, keys);
    return inProcess(keys);
  }

  private static LocalTemporal devServer(String cli, Path dataDir, PayloadKeys keys) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create " + dataDir + ": " + e.getMessage(), e);
    }
    int uiPort = freePortPreferring(8233);
    List<String> extra = new ArrayList<>();
    SearchAttributeSetup.ATTRIBUTES.forEach((name, type) -> {
      extra.add("--search-attribute");
      extra.add(name + "=" + (type == io.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL ? "Bool" : "Keyword"));
    });
    TemporalDevServer server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
        .setExistingPath(cli)
        .setDownloadEnabled(false)
        .setIp("127.0.0.1")
        .setPort(freePortPreferring(7233))
        .setUiEnabled(true)
        .setUiPort(uiPort)
        .setDatabaseFilename(dataDir.resolve("temporal.db").toString())
        .setLogFile(dataDir.resolve("dev-server.log").toString())
        .setLogLevel("error")
        .setStartupTimeout(Duration.ofSeconds(60))
        .setExtraArgs(extra)
        .build());
    String ui = "http://127.0.0.1:" + uiPort;
    TemporalConnection connection = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null,
        null, false, ui, keys);
    TemporalSession session = connection.open();
    return new LocalTemporal(session, "Temporal dev server on " + server.getTarget() + " (SQLite in " + dataDir
        + "), Web UI " + ui, server, ui);
  }

  private static LocalTemporal inProcess(PayloadKeys keys) {
    TemporalConnection connection = new TemporalConnection("in-process", null, null, null, null, null, null, false, null, keys);
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(false)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(connection.dataConverter()).build())
        .build());
    SearchAttributeSetup.ATTRIBUTES.forEach(env::registerSearchAttribute);
    TemporalSession session = new TemporalSession(connection, env.getWorkflowServiceStubs(), env.getWorkflowClient(),
        env::getOperatorServiceStubs, false);
    return new LocalTemporal(session, "in-process Temporal test server (no Web UI: install the Temporal CLI with "
        + "scripts/temporal-cli.sh for the real dev server and its UI)", env, null);
  }

  private static int freePortPreferring(int preferred) {
    try (ServerSocket s = new ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException busy) {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public void close() {
    session.close();
    try {
      server.close();
    } catch (Exception e) {
      // Shutting down after the demo: nothing left to protect.
    }
  }
}
