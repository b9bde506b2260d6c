package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.StampRole;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "roles",
    mixinStandardHelpOptions = true,
    description = {
        "Prints the least-privilege Azure custom role for a stamp's workers.",
        "The role holds exactly the Azure RBAC actions and data actions of the actions the stamp's "
            + "failover, failback and drill runbooks use, assignable to the resource groups those steps "
            + "target, as JSON for 'az role definition create --role-definition @FILE'. Permissions "
            + "outside Azure RBAC (Databricks job ACLs, Kubernetes RBAC) are listed on stderr. "
            + "Nothing is created in Azure."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:the role was printed", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity roles --stamp ai-platform > ai-platform-role.json",
        "  az role definition create --role-definition @ai-platform-role.json",
        "  continuity roles --stamp data-pipelines --config ./runbooks"})
final class RolesCommand extends ContinuityCommand {

  @Option(names = "--stamp", required = true, paramLabel = "STAMP", description = "The stamp, as named in the inventory.")
  String stamp;

  @Override
  public Integer call() throws EstateException {
    Estate estate = loadEstate();
    StampRole role = StampRole.of(estate, stamp);
    out().println(role.toJson());
    out().flush();
    Map<String, List<String>> grants = StampRole.grants(estate, stamp);
    if (!grants.isEmpty()) {
      err().println("Also needed outside Azure RBAC:");
      grants.forEach((grant, actions) -> err().println("  - " + grant + " (" + String.join(", ", actions) + ")"));
      err().flush();
    }
    return ExitCodes.OK;
  }
}
