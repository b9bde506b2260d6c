package dev.continuity.cli;

import dev.continuity.starter.ListFilter;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationListing;
import dev.continuity.starter.TemporalSession;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
        "Lists operations, e.g. those awaiting approval.",
        "Lists operations, newest first, from the search attributes their workflows keep current "
            + "(DrStamp, DrOperation, DrPhase, DrAwaitingApproval) - the same filters work in the Web UI,"
            + " e.g. DrAwaitingApproval = true."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:listed (possibly nothing)", "1:Temporal could not be reached", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity list --awaiting-approval",
        "  continuity list --stamp ai-platform --json"})
final class ListCommand extends ContinuityCommand {

  @Option(names = "--awaiting-approval", description = "Only running operations waiting at an approval gate.")
  boolean awaitingApproval;

  @Option(names = "--stamp", paramLabel = "STAMP", description = "Only this stamp's operations.")
  String stamp;

  @Option(names = "--running", description = "Only running operations.")
  boolean running;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N operations (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the operations as a JSON array.")
  boolean json;

  @Override
  public Integer call() {
    List<OperationListing> ops;
    try (TemporalSession session = connect()) {
      ops = new OperationControl(session.client()).list(new ListFilter(awaitingApproval, stamp, running, limit));
    }
    if (json) {
      printJson(ops);
      return ExitCodes.OK;
    }
    if (ops.isEmpty()) {
      out().println("no operations" + (awaitingApproval ? " awaiting approval" : ""));
    } else {
      int width = Math.max("OPERATION".length(), ops.stream().mapToInt(o -> o.operationId().length()).max().orElse(0));
      String row = "%-" + width + "s  %-9s %-10s %-18s %-14s %s";
      out().println(String.format(row, "OPERATION", "TYPE", "STATUS", "PHASE", "STAMP", "STARTED"));
      for (OperationListing o : ops) {
        String phase = o.awaitingApproval() ? "awaiting-approval" : o.phase() == null ? "" : o.phase();
        out().println(String.format(row, o.operationId(), o.workflowType(), o.execution().toLowerCase(),
            phase, o.stamp() == null ? "" : o.stamp(), o.startedAt()));
      }
    }
    out().flush();
    return ExitCodes.OK;
  }
}
