package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.continuity.model.operation.Outcome;
import dev.continuity.model.timeline.Timeline;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML report in headless Chromium: the rendered page must hold the seven sections and
 * the chart's bars, and a screenshot is kept in target/report-artifacts/. Chromium comes from
 * scripts/chromium.sh; without it the test is skipped, except under CI=true where it fails.
 */
class HtmlReportInChromiumTest {
  private static final Path ARTIFACTS = Path.of("target", "report-artifacts");

  @Test
  void theReportPageRendersWithItsTimelineChart(@TempDir Path profile) throws Exception {
    String chromium = chromium();
    Timeline t = ReportFixtures.timeline(Outcome.SUCCEEDED);
    RecoveryMeasures m = RecoveryMeasures.of(ReportFixtures.plan(), t);
    String html = HtmlReport.render(ReportFixtures.goodAnswer(), "primary (gpt-4o)",
        ReportFacts.of(ReportFixtures.plan(), t), t, m);
    Files.createDirectories(ARTIFACTS);
    Path page = ARTIFACTS.resolve("report.html").toAbsolutePath();
    Files.writeString(page, html);

    String dom = run(profile, chromium, "--dump-dom", page.toUri().toString());
    for (String section : ReportSections.ALL) assertTrue(dom.contains("<h2>" + section + "</h2>"), "rendered page lacks " + section);
    for (String step : List.of("cosmos", "traffic", "verify")) {
      assertTrue(dom.contains("class=\"step succeeded\" data-step=\"" + step + "\""), "no bar for " + step);
    }
    assertTrue(dom.contains("class=\"wait approval\" data-step=\"approve\""), "the approval wait is not marked");
    assertTrue(dom.contains("RTO 250 s"), "the RTO line is not marked");
    assertTrue(dom.contains("Written by primary (gpt-4o)"));

    Path png = ARTIFACTS.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    run(profile, chromium, "--screenshot=" + png, "--window-size=1100,1600", page.toUri().toString());
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
    assertTrue(bytes.length > 20_000, "a blank page would be tiny: " + bytes.length + " bytes");
  }

  private static String run(Path profile, String chromium, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish within 60 s: " + cmd);
    }
    assertEquals(0, p.exitValue(), "chromium failed: " + cmd);
    return Files.readString(out);
  }

  private static String chromium() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && new File(configured).canExecute()) return configured;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        File f = new File(dir, name);
        if (f.canExecute()) return f.getPath();
      }
    }
    if ("true".equals(System.getenv("CI"))) fail("Chromium is missing under CI: scripts/chromium.sh should have installed it");
    Assumptions.abort("Chromium not installed: run scripts/chromium.sh to check the HTML report in a browser");
    return null;
  }
}
