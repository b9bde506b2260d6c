package dev.continuity.cli;

import dev.continuity.activities.report.ReportStore;
import dev.continuity.activities.report.ReportStoreException;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.TemporalSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Fetches the DR report of an ended operation from where the worker stored it (a directory or Blob Storage).",
        "md: the report text; html: one self-contained page with the timeline chart; json: the measured facts."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
        "0:written",
        "1:Temporal could not be reached",
        "2:usage error, no such operation, the operation is still running, or it has no report"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity report ai-platform-failover-1",
        "  continuity report ai-platform-failover-1 --format html --out report.html",
        "  continuity report ai-platform-failover-1 --format json | jq .measures"})
final class ReportCommand extends ContinuityCommand {
  enum Format {
    md("report.md"), html("report.html"), json("facts.json");

    final String file;

    Format(String file) {
      this.file = file;
    }
  }

  @Parameters(index = "0", paramLabel = "OPERATION", description = "An operation id.")
  String operation;

  @Option(names = "--format", defaultValue = "md", paramLabel = "md|html|json",
      description = "What to fetch: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
  Path outFile;

  @Override
  public Integer call() {
    OperationStatus status;
    try (TemporalSession session = connect()) {
      status = new OperationControl(session.client()).status(operation);
    }
    if (status.running()) {
      throw new UsageException("operation " + operation + " is still running; its report is written when it ends"
          + " (follow it with: continuity status " + operation + " --watch)");
    }
    OperationResult result = status.result();
    if (result == null || result.reportLocation() == null) {
      throw new UsageException("operation " + operation + " has no report"
          + (status.failure() == null ? "" : ": the workflow ended abnormally (" + status.failure() + ")"));
    }
    String location = ReportStore.sibling(result.reportLocation(), format.file);
    byte[] content;
    try {
      // signed in as the worker's store settings say (CONTINUITY_REPORT_STORE_*), else as the operator (az login)
      content = ReportStore.read(location, root::env);
    } catch (UncheckedIOException e) {
      throw new UsageException("cannot read the " + format + " report of " + operation + " at " + location + ": "
          + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
    } catch (ReportStoreException e) {
      throw new UsageException("the " + format + " report of " + operation + ": " + e.getMessage());
    }
    if (outFile == null) {
      out().print(new String(content, StandardCharsets.UTF_8));
      out().flush();
      return ExitCodes.OK;
    }
    try {
      Files.write(outFile, content);
    } catch (IOException e) {
      throw new UsageException("cannot write " + outFile + ": " + e.getMessage());
    }
    err().println("wrote the " + format + " report of " + operation + " to " + outFile + " (" + content.length + " bytes)");
    err().flush();
    return ExitCodes.OK;
  }
}
