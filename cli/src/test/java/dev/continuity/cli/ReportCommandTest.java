package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.activities.report.ReportWriter;
import dev.continuity.cli.CliHarness.Run;
import dev.continuity.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code continuity report}: a failover ends, its report is fetched as markdown, HTML and facts. */
class ReportCommandTest {

  @Test
  void fetchesTheReportOfAnEndedOperationInEveryFormat(@TempDir Path reports, @TempDir Path work) throws Exception {
    try (CliHarness cli = new CliHarness(ReportWriter.templateInto(reports))) {
      Run failover = cli.run("failover", "--stamp", "ai-platform", "--severity", "Sev0", "--wait");
      assertEquals(0, failover.exit(), failover.toString());
      String op = failover.out().lines().filter(l -> l.contains("operation ai-platform-failover-")).findFirst()
          .orElseThrow().replaceAll(".*operation (ai-platform-failover-\\S+?)[:.,]?(\\s.*)?$", "$1");

      Run md = cli.run("report", op);
      assertEquals(0, md.exit(), md.toString());
      assertTrue(md.out().contains("## Executive Summary"), md.out());
      assertTrue(md.out().contains("Written by template"), md.out());

      Run json = cli.run("report", op, "--format", "json");
      assertEquals(0, json.exit(), json.toString());
      JsonNode facts = Json.MAPPER.readTree(json.out());
      assertEquals(op, facts.get("operationId").asText());
      assertEquals("succeeded", facts.get("outcome").asText());
      assertTrue(facts.get("measures").get("rtoSeconds").asLong() >= 0, json.out());

      Path html = work.resolve("report.html");
      Run page = cli.run("report", op, "--format", "html", "--out", html.toString());
      assertEquals(0, page.exit(), page.toString());
      assertTrue(page.err().contains("wrote the html report of " + op), page.err());
      assertTrue(Files.readString(html).contains("<svg"), "the page has its timeline chart");
      assertTrue(cli.notifications.notices.stream().anyMatch(n -> n instanceof dev.continuity.model.notify.OperationEndedNotice e
          && e.reportLocation() != null && e.reportLocation().endsWith("report.md")), "the end notice names the report");
    }
  }

  @Test
  void unknownOperationsAndBadFormatsAreUsageErrors(@TempDir Path reports) {
    try (CliHarness cli = new CliHarness(ReportWriter.templateInto(reports))) {
      Run missing = cli.run("report", "no-such-operation");
      assertEquals(2, missing.exit(), missing.toString());
      Run bad = cli.run("report", "x", "--format", "pdf");
      assertEquals(2, bad.exit(), bad.toString());
      assertTrue(bad.err().contains("md, html, json"), bad.err());
    }
  }
}
