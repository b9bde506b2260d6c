package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.PlanText;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
        "Shows the plan an operation would run: levels, gates, critical path.",
        "Compiles a stamp's runbook for a mode into the plan an operation would run: its steps by "
            + "level (steps of one level run in parallel), the approval gates, and the critical path "
            + "estimated from each action's expected duration. Nothing is started."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:the plan was printed", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity plan --stamp ai-platform --mode failover",
        "  continuity plan --stamp web-api --mode drill --json"})
final class PlanCommand extends ContinuityCommand {

  @Option(names = "--stamp", required = true, paramLabel = "STAMP", description = "The stamp, as named in the inventory.")
  String stamp;

  @Option(names = "--mode", required = true, paramLabel = "MODE", converter = ModeConverter.class,
      completionCandidates = ModeConverter.Candidates.class,
      description = "failover, failback or drill.")
  Mode mode;

  @Option(names = "--json", description = "Print the frozen plan as JSON (what the workflow receives).")
  boolean json;

  @Override
  public Integer call() throws EstateException {
    Estate estate = loadEstate();
    Plan plan = root.configSource().compile(estate, stamp, mode);
    if (json) {
      printJson(plan);
    } else {
      out().print(PlanText.render(plan));
      out().flush();
    }
    return ExitCodes.OK;
  }
}
