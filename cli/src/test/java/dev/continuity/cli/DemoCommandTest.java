package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.Json;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.continuity.starter.TemporalConnection;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.codec.EncryptionCodec;
import dev.continuity.starter.codec.PayloadKeys;
import dev.continuity.workflows.ContinuityNames;
import io.temporal.api.common.v1.Payload;
import io.temporal.testing.TemporalDevServer;
import io.temporal.testing.TemporalDevServerOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job on the embedded default, run as an operator runs it. With TEMPORAL_CLI set (as
 * scripts/test.sh does) it runs on the real Temporal dev server; otherwise on the in-process one.
 */
class DemoCommandTest {

  private static CliHarness.Run demo(String stdin, String... args) {
    return demo(Map.of(), stdin, args);
  }

  private static CliHarness.Run demo(Map<String, String> extraEnv, String stdin, String... args) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString());
    String cli = System.getenv("TEMPORAL_CLI");
    if (cli != null) env.put("TEMPORAL_CLI", cli);
    Continuity c = new Continuity(env, conn -> { throw new AssertionError("the demo starts its own Temporal"); }, ConfigSource.FILES)
        .withPollInterval(java.time.Duration.ofMillis(200))
        .withStdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return CliHarness.execute(c.commandLine(), args);
  }

  @Test
  void unattendedDemoFailsTheStampOverAndWritesTheReport(@TempDir Path out) throws Exception {
    CliHarness.Run run = demo("", "demo", "--approve", "auto", "--out", out.toString(), "--time-scale", "0.001");

    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains("[4/6] outage: region eastus2 is down"), run.out());
    assertTrue(run.out().contains("approved approve-failover as alice@contoso.com"), run.out());
    assertTrue(run.out().contains("stamp ai-platform is active in westus2"), run.out());
    if (System.getenv("TEMPORAL_CLI") != null) assertTrue(run.out().contains("Temporal dev server on"), run.out());

    String report = Files.readString(out.resolve("report.md"));
    assertTrue(report.contains("## Executive Summary") && report.contains("Outcome: **SUCCEEDED**"), report);
    Timeline timeline = Json.MAPPER.readValue(out.resolve("timeline.json").toFile(), Timeline.class);
    assertEquals(Outcome.SUCCEEDED, timeline.outcome);
    assertTrue(timeline.steps.stream().allMatch(s -> s.state == StepState.SUCCEEDED), timeline.steps.toString());
    assertTrue(Files.readString(out.resolve("journal.txt")).contains("cosmos.failoverPriorityChange"));

    // The demo's Temporal encrypts payloads as production does, with the key it generated.
    Path keyFile = out.resolve(DemoCommand.DEMO_KEY_FILE);
    assertTrue(Files.exists(keyFile), run.out());
    assertTrue(run.out().contains("payloads encrypted with key 'demo'"), run.out());
    if (System.getenv("TEMPORAL_CLI") != null) assertOnlyCiphertext(out, timeline.operationId, PayloadKeys.fromFile(keyFile));
    String key = Files.readString(keyFile);

    // Run again in the same directory: a demo starts from the inventory's estate, not the last run's.
    CliHarness.Run again = demo("", "demo", "--approve", "auto", "--out", out.toString(), "--time-scale", "0.001");
    assertEquals(0, again.exit(), again.toString());
    assertTrue(again.out().contains("stamp ai-platform is active in westus2"), again.out());
    assertEquals(key, Files.readString(keyFile), "the demo keeps its key across runs");
  }

  /**
   * Reopens the demo's Temporal database (the dev server's SQLite file) with a fresh dev server and
   * reads the operation's and the stamp's raw histories: every payload is AES-GCM ciphertext under
   * the demo's key, and that key (only) turns them back into the plan and its results.
   */
  private static void assertOnlyCiphertext(Path out, String operationId, PayloadKeys keys) {
    try (TemporalDevServer server = TemporalDevServer.start(TemporalDevServerOptions.newBuilder()
            .setExistingPath(System.getenv("TEMPORAL_CLI")).setDownloadEnabled(false).setUiEnabled(false).setLogLevel("error")
            .setDatabaseFilename(out.resolve("temporal").resolve("temporal.db").toString()).build());
        TemporalSession session = new TemporalConnection(server.getTarget(), server.getNamespace(), null, null, null, null, null,
            false, null).open()) {
      List<Payload> payloads = new ArrayList<>(RawHistory.payloads(session.service(), server.getNamespace(), operationId));
      payloads.addAll(RawHistory.payloads(session.service(), server.getNamespace(), ContinuityNames.stampWorkflowId("ai-platform")));
      assertTrue(payloads.size() > 10, "the histories carry payloads: " + payloads.size());
      for (Payload p : payloads) {
        assertEquals(EncryptionCodec.ENCODING, p.getMetadataOrThrow("encoding").toStringUtf8(),
            () -> "every payload is encrypted, not: " + p.getData().toStringUtf8());
        assertEquals("demo", p.getMetadataOrThrow(EncryptionCodec.KEY_ID).toStringUtf8());
        String data = p.getData().toString(StandardCharsets.ISO_8859_1);
        assertFalse(data.contains("ai-platform") || data.contains("cosmos-ai-platform") || data.contains("alice@contoso.com"),
            "plain text in a payload");
      }
      String clear = new EncryptionCodec(keys).decode(payloads).stream().map(p -> p.getData().toStringUtf8())
          .collect(java.util.stream.Collectors.joining());
      assertTrue(clear.contains("cosmos-ai-platform"), "the demo's key reads the plan and its results back");
    }
  }

  /** docker compose up, then continuity demo --attach: here the running parts are in-process. */
  @Test
  void attachedDemoFailsOverOnTheRunningTemporalWorkersAndEmulator(@TempDir Path out, @TempDir Path reports) throws Exception {
    try (EmulatedEstate running = new EmulatedEstate(reports)) {
      Map<String, String> env = Map.of(
          "CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString(),
          "CONTINUITY_ARM_ENDPOINT", running.emulator.baseUrl());
      Continuity c = new Continuity(env,
          conn -> new dev.continuity.starter.TemporalSession(conn, running.temporal.getWorkflowServiceStubs(),
              running.temporal.getWorkflowClient(), running.temporal::getOperatorServiceStubs, false),
          ConfigSource.FILES)
          .withPollInterval(java.time.Duration.ofMillis(200))
          .withStdin(new ByteArrayInputStream(new byte[0]));
      CliHarness.Run run = CliHarness.execute(c.commandLine(), "demo", "--attach", "--approve", "auto", "--out", out.toString());

      assertEquals(0, run.exit(), run.toString());
      assertTrue(run.out().contains("[1/6] ARM emulator at " + running.emulator.baseUrl() + " (attached"), run.out());
      assertTrue(run.out().contains("stamp ai-platform is active in westus2"), run.out());
      // The running emulator, not one of the demo's own, took the outage and the failover.
      assertTrue(running.control.journalText().contains("cosmos.failoverPriorityChange"), running.control.journalText());
      Timeline timeline = Json.MAPPER.readValue(out.resolve("timeline.json").toFile(), Timeline.class);
      assertEquals(Outcome.SUCCEEDED, timeline.outcome);
    }
  }

  @Test
  void attachOnlyOptionsAreRefusedWithoutAttach(@TempDir Path out) {
    CliHarness.Run run = demo("", "demo", "--emulator", "http://127.0.0.1:1", "--out", out.toString());
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--emulator is for --attach"), run.err());
  }

  @Test
  void promptedOperatorCanRejectAndTheOperationAbortsWithAReport(@TempDir Path out) throws Exception {
    // "maybe" is no answer: the prompt asks again; "n" rejects.
    CliHarness.Run run = demo("maybe\nn\n", "demo", "--out", out.toString(), "--time-scale", "0.001", "--stamp", "web-api",
        "--severity", "Sev2");

    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("Approve step approve-failover as"), run.out());
    assertTrue(run.out().contains("Please answer y or n."), run.out());
    assertTrue(run.out().contains("rejected approve-failover"), run.out());
    Timeline timeline = Json.MAPPER.readValue(out.resolve("timeline.json").toFile(), Timeline.class);
    assertEquals(Outcome.ABORTED, timeline.outcome);
    assertTrue(Files.readString(out.resolve("report.md")).contains("Outcome: **ABORTED**"));
  }

  @Test
  void theDemosNoticesLinkToItsOwnWebUiAndNameTheCommand(@TempDir Path out) throws Exception {
    List<JsonNode> hooks = new CopyOnWriteArrayList<>();
    List<JsonNode> teams = new CopyOnWriteArrayList<>();
    HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/hook", ex -> {
      try (ex) {
        hooks.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
        ex.sendResponseHeaders(200, -1);
      }
    });
    stub.createContext("/teams", ex -> {
      try (ex) {
        teams.add(Json.MAPPER.readTree(ex.getRequestBody().readAllBytes()));
        ex.sendResponseHeaders(202, -1);
      }
    });
    stub.start();
    try {
      String base = "http://127.0.0.1:" + stub.getAddress().getPort();
      // another UI in the environment is not this demo's: its links must not point there
      CliHarness.Run run = demo(Map.of("CONTINUITY_NOTIFY_WEBHOOK_URL", base + "/hook", "CONTINUITY_NOTIFY_TEAMS_URL", base + "/teams",
          "TEMPORAL_UI_URL", "http://elsewhere.example:8080"), "", "demo", "--approve", "auto", "--out", out.toString(),
          "--time-scale", "0.001");
      assertEquals(0, run.exit(), run.toString());

      Map<String, JsonNode> byEvent = new HashMap<>();
      for (JsonNode h : hooks) byEvent.putIfAbsent(h.get("event").asText(), h);
      JsonNode approval = byEvent.get("approvalNeeded");
      JsonNode ended = byEvent.get("operationEnded");
      assertTrue(approval != null && ended != null, hooks.toString());
      String op = approval.get("notice").get("operationId").asText();
      assertTrue(op.startsWith("ai-platform-failover-"), op);
      assertEquals("continuity approve " + op + " --as <you> --comment \"...\"", approval.get("commands").get(0).asText());
      assertEquals("continuity report " + op + " --format html --out report.html", ended.get("commands").get(0).asText());
      assertFalse(hooks.toString().contains("elsewhere.example"), hooks.toString());

      Matcher ui = Pattern.compile("Web UI (http://127\\.0\\.0\\.1:\\d+)").matcher(run.out());
      if (System.getenv("TEMPORAL_CLI") != null) {
        assertTrue(ui.find(), run.out());
        String link = ui.group(1) + "/namespaces/default/workflows/" + op;
        assertEquals(link, approval.get("links").get("Open in Temporal Web UI").asText());
        assertEquals(link, ended.get("links").get("Open in Temporal Web UI").asText());
        JsonNode card = teams.stream().filter(t -> t.toString().contains("Approval needed")).findFirst().orElseThrow()
            .get("attachments").get(0).get("content");
        assertEquals(link, card.get("actions").get(0).get("url").asText());
        assertTrue(card.toString().contains("continuity approve " + op), card.toString());
      } else {
        // the in-process server has no Web UI to link to; the commands still say what to do
        assertFalse(approval.get("links").has("Open in Temporal Web UI"), approval.toString());
      }
    } finally {
      stub.stop(0);
    }
  }
}
