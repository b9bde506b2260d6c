package dev.continuity.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** What starts operations without a person at the command line: for now, the alert server. */
@Command(
    name = "starter",
    mixinStandardHelpOptions = true,
    subcommands = StarterServeCommand.class,
    description = "Starters that turn outside signals into operations (see 'continuity starter serve --help').",
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {"  CONTINUITY_ALERT_SECRET=... continuity starter serve --port 8443 --https-cert server.pem --https-key server-key.pem"})
final class StarterCommand extends OutputCommand {
  @ParentCommand Continuity root;

  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return ExitCodes.USAGE;
  }
}
