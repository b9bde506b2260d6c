package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.activities.report.BlobReportStore;
import dev.continuity.activities.report.ReportAuthors;
import dev.continuity.activities.report.ReportStore;
import dev.continuity.activities.report.ReportStoreException;
import dev.continuity.activities.report.ReportWriter;
import dev.continuity.cli.CliHarness.Run;
import dev.continuity.model.Json;
import dev.continuity.model.notify.OperationEndedNotice;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.starter.OperationControl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production report store, Azure Blob Storage through azure-storage-blob, against Azurite:
 * the report activity of a real failover writes there, {@code continuity report} reads it back.
 */
class ReportStoreOnAzuriteTest {
  private static final String WRONG_KEY = Base64.getEncoder().encodeToString("not-the-account-key-0123456789".getBytes(StandardCharsets.UTF_8));
  private static Azurite azurite;

  @BeforeAll
  static void startAzurite() throws Exception {
    azurite = Azurite.start();
  }

  @AfterAll
  static void stopAzurite() {
    if (azurite != null) azurite.close();
  }

  private static BlobServiceClient account() {
    return new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
  }

  private static String failover(CliHarness cli) {
    Run failover = cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev0", "--wait");
    assertEquals(0, failover.exit(), failover.toString());
    return failover.out().lines().filter(l -> l.contains("operation ai-platform-failover-")).findFirst()
        .orElseThrow().replaceAll(".*operation (ai-platform-failover-\\S+?)[:.,]?(\\s.*)?$", "$1");
  }

  @Test
  void aFailoverStoresItsReportInANewContainerAndTheReportCommandReadsItBack(@TempDir Path work) throws Exception {
    String container = "dr-reports-" + System.nanoTime();
    assertFalse(account().getBlobContainerClient(container).exists());
    Map<String, String> env = Map.of("CONTINUITY_REPORT_STORE_CONNECTION_STRING", azurite.connectionString());
    ReportStore store = ReportStore.of(azurite.accountUrl() + "/" + container, Path.of("unused"), env::get);
    try (CliHarness cli = new CliHarness(new ReportWriter(ReportAuthors.templateOnly(), store))) {
      cli.environment.putAll(env);
      String op = failover(cli);

      // the operation's result names the blob, and so does the end notice
      OperationResult result = new OperationControl(cli.env.getWorkflowClient()).status(op).result();
      String md = azurite.accountUrl() + "/" + container + "/" + op + "/report.md";
      assertEquals(md, result.reportLocation());
      assertTrue(result.timeline().events.stream().anyMatch(e -> e.kind() == EventKind.REPORT_WRITTEN
          && e.detail().equals("report written to " + md)), result.timeline().events.toString());
      assertTrue(cli.notifications.notices.stream().anyMatch(n -> n instanceof OperationEndedNotice e && md.equals(e.reportLocation())));
      var blobs = account().getBlobContainerClient(container);
      assertTrue(blobs.exists(), "the missing container was created");
      assertEquals("text/html; charset=utf-8", blobs.getBlobClient(op + "/report.html").getProperties().getContentType());
      assertTrue(blobs.getBlobClient(op + "/timeline.json").exists());

      Run text = cli.run("report", op);
      assertEquals(0, text.exit(), text.toString());
      assertTrue(text.out().contains("## Executive Summary") && text.out().contains("Written by template"), text.out());
      Run json = cli.run("report", op, "--format", "json");
      assertEquals(0, json.exit(), json.toString());
      JsonNode facts = Json.MAPPER.readTree(json.out());
      assertEquals(op, facts.get("operationId").asText());
      assertEquals("succeeded", facts.get("outcome").asText());
      Path page = work.resolve("report.html");
      Run html = cli.run("report", op, "--format", "html", "--out", page.toString());
      assertEquals(0, html.exit(), html.toString());
      assertTrue(Files.readString(page).contains("<svg"), "the page has its timeline chart");

      // an operator whose credentials the store refuses is told so, in one line
      cli.environment.put("CONTINUITY_REPORT_STORE_CONNECTION_STRING", azurite.connectionString().replace(Azurite.KEY, WRONG_KEY));
      Run refused = cli.run("report", op);
      assertEquals(2, refused.exit(), refused.toString());
      assertTrue(refused.err().contains("the md report of " + op + ": cannot read " + md + ": the store refused the connection"
          + " string in CONTINUITY_REPORT_STORE_CONNECTION_STRING (HTTP 403"), refused.err());
      assertFalse(refused.err().contains("\tat "), "no stack trace: " + refused.err());
      assertFalse(refused.err().contains(WRONG_KEY), "the secret is not printed");

      cli.environment.putAll(env);
      blobs.getBlobClient(op + "/report.html").delete();
      Run gone = cli.run("report", op, "--format", "html");
      assertEquals(2, gone.exit(), gone.toString());
      assertTrue(gone.err().contains("report.html: not found (HTTP 404 BlobNotFound)"), gone.err());
    }
  }

  @Test
  void theAccountKeyAloneSignsInToAnExistingContainer() {
    String container = "keyed-" + System.nanoTime();
    account().createBlobContainer(container);
    Map<String, String> env = Map.of("CONTINUITY_REPORT_STORE_KEY", Azurite.KEY);
    ReportStore store = ReportStore.of(azurite.accountUrl() + "/" + container, Path.of("unused"), env::get);
    assertTrue(store instanceof BlobReportStore, store.getClass().toString());

    String location = store.put("op/with spaces", "report.md", "first".getBytes(StandardCharsets.UTF_8), "text/markdown");
    store.put("op/with spaces", "report.md", "second".getBytes(StandardCharsets.UTF_8), "text/markdown");
    assertEquals(azurite.accountUrl() + "/" + container + "/op_with_spaces/report.md", location);
    assertEquals("second", new String(ReportStore.read(location, env::get), StandardCharsets.UTF_8), "a retried attempt replaces the file");

    ReportStoreException noKey = assertThrows(ReportStoreException.class, () -> ReportStore.read(location,
        Map.of("CONTINUITY_REPORT_STORE_KEY", WRONG_KEY)::get));
    assertTrue(noKey.lasting());
    assertTrue(noKey.getMessage().startsWith("cannot read " + location + ": the store refused the account key in"
        + " CONTINUITY_REPORT_STORE_KEY (HTTP 403"), noKey.getMessage());
  }

  @Test
  void refusedCredentialsEndTheOperationAtOnceWithTheReasonInItsTimeline() {
    String container = "refused-" + System.nanoTime();
    ReportStore store = ReportStore.of(azurite.accountUrl() + "/" + container, Path.of("unused"),
        Map.of("CONTINUITY_REPORT_STORE_KEY", WRONG_KEY)::get);
    try (CliHarness cli = new CliHarness(new ReportWriter(ReportAuthors.templateOnly(), store))) {
      String op = failover(cli);

      OperationResult result = new OperationControl(cli.env.getWorkflowClient()).status(op).result();
      assertEquals(Outcome.SUCCEEDED, result.outcome(), "the failover itself succeeded");
      assertNull(result.reportLocation());
      String notice = result.timeline().events.stream()
          .filter(e -> e.kind() == EventKind.NOTIFICATION && e.detail().startsWith("the DR report could not be written"))
          .findFirst().orElseThrow(() -> new AssertionError(result.timeline().events.toString())).detail();
      // non-retryable (ReportStoreRefused): refused credentials are not asked again for half an hour
      assertTrue(notice.contains("cannot write report.md of " + op + " to the report store " + azurite.accountUrl() + "/"
          + container + ": the store refused the account key in CONTINUITY_REPORT_STORE_KEY (HTTP 403"), notice);
      assertTrue(notice.endsWith("(" + ReportWriter.STORE_REFUSED + ")"), notice);
      assertFalse(notice.contains(WRONG_KEY));
      assertTrue(cli.notifications.notices.stream().anyMatch(n -> n instanceof OperationEndedNotice e
          && e.reportLocation() == null && "succeeded".equals(e.outcome())), "the end is still announced");
      assertFalse(account().getBlobContainerClient(container).exists(), "nothing was written with the wrong key");

      Run report = cli.run("report", op);
      assertEquals(2, report.exit(), report.toString());
      assertTrue(report.err().contains("has no report"), report.err());
    }
  }
}
