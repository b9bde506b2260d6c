package dev.continuity.cli;

import dev.continuity.activities.report.RecoveryMeasures;
import dev.continuity.model.operation.Outcome;
import dev.continuity.starter.DrillHistory;
import dev.continuity.starter.TemporalSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "drills",
    mixinStandardHelpOptions = true,
    description = {
        "Lists a stamp's past drills: outcome, RTO achieved against the target, success rate.",
        "From the Temporal visibility store (WorkflowType = 'Drill' AND DrStamp = STAMP), with each drill's "
            + "result; the RTO target is the one in the plan the drill ran. Scheduled drills the stamp refused "
            + "(a real failover was running) are listed as refused and left out of the success rate, which "
            + "counts the drills that ended."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:listed (possibly nothing)", "1:Temporal could not be reached", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {"  continuity drills --stamp web-api", "  continuity drills --stamp ai-platform --json"})
final class DrillsCommand extends ContinuityCommand {
  @Option(names = "--stamp", required = true, paramLabel = "STAMP", description = "The stamp, as named in the inventory.")
  String stamp;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N drills, newest first (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print the drills and the success rate as JSON.")
  boolean json;

  /** One line of the list. rtoSeconds is -1 when traffic was not moved or the drill has not ended. */
  record Row(String id, String startedAt, String outcome, long rtoSeconds, long rtoTargetSeconds, Boolean rtoMet, String note) {}

  @Override
  public Integer call() {
    List<DrillHistory.DrillRun> runs;
    try (TemporalSession session = connect()) {
      runs = new DrillHistory(session.client()).list(stamp, limit);
    }
    List<Row> rows = new ArrayList<>();
    int ended = 0, succeeded = 0, refused = 0;
    for (DrillHistory.DrillRun r : runs) {
      String started = r.startedAt() == null ? "" : r.startedAt().toString();
      if (r.refused()) {
        refused++;
        rows.add(new Row(r.id(), started, "refused", -1, -1, null, r.refusal()));
        continue;
      }
      if (r.result() == null) {
        if (!"RUNNING".equals(r.execution())) ended++;
        rows.add(new Row(r.id(), started, r.execution().toLowerCase(), -1, -1, null, null));
        continue;
      }
      ended++;
      if (r.result().outcome() == Outcome.SUCCEEDED) succeeded++;
      long rto = -1;
      long target = -1;
      Boolean met = null;
      if (r.plan() != null && r.result().timeline() != null) {
        RecoveryMeasures m = RecoveryMeasures.of(r.plan(), r.result().timeline());
        rto = m.rtoSeconds();
        target = r.plan().targets() == null ? -1 : r.plan().targets().rtoMinutes() * 60L;
        met = m.rtoMet();
      }
      rows.add(new Row(r.id(), started, r.result().outcome().name().toLowerCase(), rto, target, met, r.result().summary()));
    }
    Double rate = ended == 0 ? null : (double) succeeded / ended;
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stamp", stamp);
      m.put("drills", rows);
      m.put("ended", ended);
      m.put("succeeded", succeeded);
      m.put("refused", refused);
      m.put("successRate", rate);
      printJson(m);
      return ExitCodes.OK;
    }
    if (rows.isEmpty()) {
      out().println("no drills of " + stamp + " yet (run one with: continuity drill --stamp " + stamp
          + ", or schedule them with: continuity schedule drill --stamp " + stamp + " --every 7d)");
      out().flush();
      return ExitCodes.OK;
    }
    int width = Math.max(5, rows.stream().mapToInt(r -> r.id().length()).max().orElse(0));
    String line = "%-" + width + "s  %-24s %-10s %-16s %s";
    out().println(String.format(line, "DRILL", "STARTED", "OUTCOME", "RTO / TARGET", "NOTE"));
    for (Row r : rows) {
      String rto = r.rtoSeconds() < 0 ? "-" : seconds(r.rtoSeconds()) + " / " + (r.rtoTargetSeconds() < 0 ? "-" : seconds(r.rtoTargetSeconds()))
          + (Boolean.TRUE.equals(r.rtoMet()) ? " ok" : Boolean.FALSE.equals(r.rtoMet()) ? " MISSED" : "");
      out().println(String.format(line, r.id(), r.startedAt(), r.outcome(), rto, r.note() == null ? "" : r.note()));
    }
    out().println(String.format("success rate: %s (%d of %d ended drills succeeded; %d refused)",
        rate == null ? "-" : Math.round(rate * 100) + "%", succeeded, ended, refused));
    out().flush();
    return ExitCodes.OK;
  }

  private static String seconds(long s) {
    return s >= 60 ? (s / 60) + "m" + (s % 60 < 10 ? "0" : "") + (s % 60) + "s" : s + "s";
  }
}
