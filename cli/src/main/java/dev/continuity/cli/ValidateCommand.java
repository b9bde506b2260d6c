package dev.continuity.cli;

import dev.continuity.model.config.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Checks the inventory and runbooks; reports every problem at once.",
        "Checks the inventory and every runbook in the configuration directory and reports every "
            + "problem at once, each as file:line [step]: message: unknown actions or targets, dependsOn "
            + "cycles and missing dependencies, duplicate ids, gates without approvers, targets of the "
            + "wrong kind, workers placed in a stamp's primary region."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:the configuration is valid", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {"  continuity validate", "  continuity validate --config ./runbooks --json"})
final class ValidateCommand extends ContinuityCommand {

  @Option(names = "--json", description = "Print the problems as a JSON array.")
  boolean json;

  @Override
  public Integer call() {
    Path dir = root.configDir();
    List<Problem> problems = Files.isDirectory(dir)
        ? root.configSource().validate(dir)
        : List.of(missingConfig(dir).problems().get(0));
    if (json) {
      printJson(problems);
    } else if (problems.isEmpty()) {
      out().println(dir + ": valid");
    } else {
      for (Problem p : problems) out().println(p);
      out().println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in " + dir);
    }
    out().flush();
    return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
