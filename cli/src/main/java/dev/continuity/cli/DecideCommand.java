package dev.continuity.cli;

import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.UpdateOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "decide",
    mixinStandardHelpOptions = true,
    description = {
        "Retries, skips or aborts a step whose retries are spent.",
        "Decides a step whose retries are spent: retry (a fresh retry budget), skip (mark it "
            + "skipped and let its dependents run) or abort (no further step starts; the report still "
            + "runs). From the Web UI: Send Signal \"decision\" with "
            + "{\"step\":\"...\",\"decision\":\"retry\",\"operator\":\"...\"}."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
        "0:the operation took the decision",
        "1:Temporal could not be reached",
        "2:usage error or no such operation",
        "3:refused: the step is not waiting for a decision, the identity is unknown, or the operation has ended"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity decide ai-platform-failover-1 --step cosmos retry --as alice@contoso.com",
        "  continuity decide ai-platform-failover-1 --step redis-unlink skip --as alice@contoso.com --comment \"cache is optional\""})
final class DecideCommand extends ContinuityCommand {

  @Parameters(index = "0", paramLabel = "OPERATION", description = "The operation id.")
  String operation;

  @Parameters(index = "1", paramLabel = "DECISION", converter = DecisionConverter.class,
      description = "retry, skip or abort.")
  StepDecision decision;

  @Option(names = "--step", required = true, paramLabel = "STEP", description = "The failed step's id.")
  String step;

  @Option(names = "--as", required = true, paramLabel = "IDENTITY", description = "Who decides.")
  String as;

  @Option(names = "--comment", paramLabel = "TEXT", description = "Why, for the timeline and the report.")
  String comment;

  @Option(names = "--json", description = "Print the answer as JSON.")
  boolean json;

  @Override
  public Integer call() {
    try (TemporalSession session = connect()) {
      UpdateOutcome outcome = new OperationControl(session.client())
          .decide(operation, new DecisionRequest(step, decision, as, comment));
      return UpdateReport.print(this, outcome, json);
    }
  }
}
