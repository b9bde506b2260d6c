package dev.continuity.cli;

import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.UpdateOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Approve or reject the approval gate an operation waits at. Sent as an Update, so the operation
 * checks the identity at once and a refusal comes back with its reason.
 */
@Command(
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
        "0:the operation took the decision",
        "1:Temporal could not be reached",
        "2:usage error or no such operation",
        "3:refused: the identity is unknown or not among the gate's approvers, no gate is waiting, "
            + "or the operation has ended (the reason is printed)"},
    footerHeading = "%nExamples:%n")
abstract class ApprovalCommand extends ContinuityCommand {

  @Parameters(index = "0", paramLabel = "OPERATION", description = "The operation id (from failover, list or status).")
  String operation;

  @Option(names = "--as", required = true, paramLabel = "IDENTITY",
      description = "Who decides, e.g. alice@contoso.com; must be among the gate's approvers.")
  String as;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the timeline and the report.")
  String comment;

  @Option(names = "--step", paramLabel = "STEP", description = "The gate's step id, when more than one gate waits.")
  String step;

  @Option(names = "--json", description = "Print the answer as JSON.")
  boolean json;

  abstract boolean approve();

  @Override
  public Integer call() {
    try (TemporalSession session = connect()) {
      UpdateOutcome outcome = new OperationControl(session.client())
          .approve(operation, new ApprovalRequest(step, approve(), as, comment));
      return UpdateReport.print(this, outcome, json);
    }
  }

  @Command(name = "approve",
      description = {
        "Approves the gate an operation waits at, as IDENTITY.",
        "The same can be done from the Temporal Web UI: Send Signal \"approval\" with "
            + "{\"approve\":true,\"approver\":\"...\"}."},
      footer = {
          "  continuity approve ai-platform-failover-1 --as alice@contoso.com",
          "  continuity approve ai-platform-failover-1 --as alice@contoso.com --comment \"eastus2 confirmed down\""})
  static final class Approve extends ApprovalCommand {
    @Override
    boolean approve() {
      return true;
    }
  }

  @Command(name = "reject",
      description = {"Rejects the gate an operation waits at, as IDENTITY: the operation stops before the gated "
          + "step, writes its report and ends as aborted."},
      footer = {"  continuity reject ai-platform-failover-1 --as alice@contoso.com --comment \"false alarm\""})
  static final class Reject extends ApprovalCommand {
    @Override
    boolean approve() {
      return false;
    }
  }
}
