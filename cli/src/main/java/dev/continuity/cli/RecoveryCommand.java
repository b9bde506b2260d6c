package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationOrder;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.StartOutcome;
import dev.continuity.starter.TemporalSession;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.PlanStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Failover, failback and drill: compile the stamp's plan, freeze it into a request, and hand it
 * to the stamp's entity, which starts it, joins it to the same running operation, or refuses.
 */
@Command(
    mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
        "0:the request was accepted (with --wait: the operation succeeded)",
        "1:with --wait: the operation failed or was aborted; or Temporal could not be reached",
        ExitCodes.HELP_USAGE,
        "3:refused by the stamp: another operation runs or the cooldown holds (the reason is printed)"},
    footerHeading = "%nExamples:%n")
abstract class RecoveryCommand extends ContinuityCommand {

  @Option(names = "--stamp", required = true, paramLabel = "STAMP", description = "The stamp, as named in the inventory.")
  String stamp;

  @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the timeline and the report.")
  String reason;

  @Option(names = "--severity", paramLabel = "SEV", converter = SeverityConverter.class,
      description = "Sev0 (critical) .. Sev4. The stamp's severity policy decides whether approval gates "
          + "wait; without a severity they do.")
  Severity severity;

  @Option(names = "--planned", description = "Both regions are up: no data loss is accepted (failback and drill always are).")
  boolean planned;

  @Option(names = "--wait", description = "Show the steps live until the operation ends; exit 0 if it succeeded, 1 if not.")
  boolean await;

  @Option(names = "--json", description = "Print the ticket (with --wait: the result) as JSON.")
  boolean json;

  @Option(names = "--as", paramLabel = "IDENTITY", description = "Who asks (default: cli:<user name>).")
  String as;

  abstract Mode mode();

  @Override
  public Integer call() throws EstateException {
    Estate estate = loadEstate();
    Stamp s = estate.inventory().stamp(stamp);
    if (s == null) {
      String known = estate.inventory().stamps() == null ? "" : estate.inventory().stamps().stream()
          .map(Stamp::name).collect(Collectors.joining(", "));
      throw new EstateException(new Problem(null, 0, null, "unknown stamp '" + stamp + "' (known: " + known + ")"));
    }
    Plan plan = root.configSource().compile(estate, stamp, mode());
    String requestedBy = as != null ? as : "cli:" + System.getProperty("user.name", "unknown");
    long now = System.currentTimeMillis();
    OperationOrder order = new OperationOrder(stamp, mode(), severity, planned || mode() != Mode.FAILOVER,
        reason, requestedBy, "cli:" + requestedBy + ":" + now, now);

    try (TemporalSession session = connect()) {
      StartOutcome outcome = new OperationStarter(session.client())
          .request(OperationStarter.settingsFor(s), OperationStarter.requestFor(plan, order));
      if (outcome instanceof StartOutcome.Refused refused) {
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("accepted", false);
          m.put("stamp", refused.stamp());
          m.put("reason", refused.reason());
          printJson(m);
        }
        err().println("continuity: stamp " + refused.stamp() + " refused the " + mode().text() + ": " + refused.reason());
        err().flush();
        return ExitCodes.REFUSED;
      }
      OperationTicket ticket = ((StartOutcome.Accepted) outcome).ticket();
      if (!await) {
        if (json) {
          printJson(ticket);
        } else {
          out().println(describe(ticket));
          out().println("Follow it:  continuity status " + ticket.operationId() + " --watch");
          for (PlanStep gate : gatesThatWillWait(plan, severity)) {
            out().println("Step " + gate.id() + " will wait for an approval (" + String.join(", ", gate.approval().approvers()) + "):");
            Hints.approvalCommands(ticket.operationId(), gate.id(), session.connection()).forEach(out()::println);
          }
          out().flush();
        }
        return ExitCodes.OK;
      }
      if (!json) {
        out().println(describe(ticket));
        out().flush();
      }
      OperationControl control = new OperationControl(session.client());
      OperationStatus end = json
          ? LiveView.waitQuietly(control, ticket.operationId(), root.pollInterval())
          : new LiveView(out(), root.tty(), root.pollInterval(), session.connection()).watch(control, ticket.operationId());
      if (json) printJson(end);
      return LiveView.exitCode(end);
    }
  }

  /**
   * Gates certain to wait whatever the steps before them find: "always" gates, and "policy" gates
   * when the severity needs approval. (Data-loss gates depend on what is measured.)
   */
  static List<PlanStep> gatesThatWillWait(Plan plan, Severity severity) {
    SeverityPolicy policy = plan.severityPolicy() == null ? SeverityPolicy.DEFAULT : plan.severityPolicy();
    List<PlanStep> gates = new ArrayList<>();
    for (PlanStep step : plan.steps()) {
      if (step.approval() == null) continue;
      GateCondition when = step.approval().when() == null ? GateCondition.ALWAYS : step.approval().when();
      if (when == GateCondition.ALWAYS || (when == GateCondition.POLICY && policy.needsApproval(severity))) {
        gates.add(step);
      }
    }
    return gates;
  }

  private String describe(OperationTicket t) {
    String what = t.mode() == null ? mode().text() : t.mode().text();
    return Character.toUpperCase(what.charAt(0)) + what.substring(1) + " of " + t.stamp()
        + (t.joined() ? " is already running: joined operation " : " accepted: operation ") + t.operationId();
  }

  @Command(name = "failover",
      description = {
          "Moves a stamp from its primary region to its secondary.",
          "The runbook verifies the outage, waits for approval when the severity policy asks, moves data "
              + "before traffic and verifies. A repeat of a running failover joins it; any other operation "
              + "of the stamp, or the cooldown, refuses it."},
      footer = {
          "  continuity failover --stamp ai-platform --severity Sev1 --reason \"eastus2 unreachable\"",
          "  continuity failover --stamp ai-platform --severity Sev0 --wait",
          "  continuity failover --stamp web-api --planned --json"})
  static final class Failover extends RecoveryCommand {
    @Override
    Mode mode() {
      return Mode.FAILOVER;
    }
  }

  @Command(name = "failback",
      description = {
        "Moves a stamp back from its secondary region to its primary, planned (both regions up).",
        "Refused while another operation of the stamp runs or during the cooldown."},
      footer = {
          "  continuity failback --stamp ai-platform --reason \"eastus2 recovered\" --wait"})
  static final class Failback extends RecoveryCommand {
    @Override
    Mode mode() {
      return Mode.FAILBACK;
    }
  }

  @Command(name = "drill",
      description = {
        "Rehearses a failover: a planned failover of the stamp, its validation steps and the "
            + "failback, with one report.",
        "Refused while another operation of the stamp runs."},
      footer = {
          "  continuity drill --stamp web-api --reason \"quarterly DR drill\" --wait",
          "  continuity drill --stamp ai-platform --as alice@contoso.com --json"})
  static final class Drill extends RecoveryCommand {
    @Override
    Mode mode() {
      return Mode.DRILL;
    }
  }
}
