package dev.continuity.activities.report;

import dev.continuity.model.Json;
import dev.continuity.model.report.ReportActivities;
import dev.continuity.model.report.ReportInput;
import dev.continuity.model.report.ReportResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the report of an operation to a local directory: {@code <dir>/<operationId>/report.md}
 * and {@code timeline.json}. Files are written whole (temp file, then rename) so a retried attempt
 * after a crash simply writes them again.
 */
public class FileReportActivities implements ReportActivities {
  private final Path dir;

  public FileReportActivities(Path dir) {
    this.dir = dir;
  }

  @Override
  public ReportResult writeReport(ReportInput input) {
    RecoveryMeasures measures = RecoveryMeasures.of(input.plan(), input.timeline());
    String markdown = TemplateReport.render(input.plan(), input.timeline(), measures);
    Path out = dir.resolve(safe(input.timeline().operationId));
    try {
      Files.createDirectories(out);
      writeWhole(out.resolve("report.md"), markdown);
      writeWhole(out.resolve("timeline.json"), Json.MAPPER.writeValueAsString(input.timeline()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + out + ": " + e.getMessage(), e);
    }
    return new ReportResult(out.resolve("report.md").toAbsolutePath().toString(),
        TemplateReport.summary(input.plan(), input.timeline(), measures), "template");
  }

  private static void writeWhole(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String safe(String id) {
    return id == null ? "operation" : id.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
