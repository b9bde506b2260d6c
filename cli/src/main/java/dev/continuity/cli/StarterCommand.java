package dev.continuity.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** What starts operations without a person at the command line: for now, the alert server. */
@Command(
    name = "starter",
    mixinStandardHelpOptions = true,
    subcommands = StarterServeCommand.class,
    description = "Starters that turn outside signals into operations (see 'continuity starter serve --help').")
final class StarterCommand extends OutputCommand {
  @ParentCommand Continuity root;

  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return ExitCodes.USAGE;
  }
}
