package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.OperationSummary;
import dev.continuity.model.operation.StampState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.TemporalSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
        "Shows the stamps, or an operation's steps (live while it runs).",
        "Without OPERATION: each stamp of the inventory with its active region, the operation it "
            + "runs and its cooldown.",
        "With OPERATION: the operation's steps (state, attempts, time, errors, decisions); while it"
            + " runs on a terminal, or with --watch, a live view until it ends."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
        "0:shown; the operation is running or succeeded",
        "1:the operation failed or was aborted; or Temporal could not be reached",
        "2:usage error, invalid configuration, or no such operation"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity status",
        "  continuity status ai-platform-failover-1 --watch",
        "  continuity status ai-platform-failover-1 --json"})
final class StatusCommand extends ContinuityCommand {

  @Parameters(index = "0", arity = "0..1", paramLabel = "OPERATION", description = "An operation id.")
  String operation;

  @Option(names = "--json", description = "Print the status (timeline and result) as JSON.")
  boolean json;

  @Option(names = "--watch", description = "Follow the operation until it ends (also when not on a terminal).")
  boolean watch;

  @Option(names = "--once", description = "Print one snapshot even on a terminal.")
  boolean once;

  @Override
  public Integer call() throws EstateException {
    if (operation == null) return stamps();
    try (TemporalSession session = connect()) {
      OperationControl control = new OperationControl(session.client());
      OperationStatus s = control.status(operation);
      boolean live = s.running() && !json && !once && (watch || root.tty());
      if (live) {
        s = new LiveView(out(), root.tty(), root.pollInterval(), session.connection()).watch(control, operation);
      } else if (json) {
        if (watch && s.running()) s = LiveView.waitQuietly(control, operation, root.pollInterval());
        printJson(s);
      } else {
        LiveView.snapshot(s, session.connection()).forEach(out()::println);
        out().flush();
      }
      return LiveView.exitCode(s);
    }
  }

  /** One line per stamp of the inventory, from its entity's state query. */
  private int stamps() throws EstateException {
    Estate estate = loadEstate();
    List<Stamp> stamps = estate.inventory().stamps() == null ? List.of() : estate.inventory().stamps();
    List<Map<String, Object>> rows = new ArrayList<>();
    try (TemporalSession session = connect()) {
      OperationControl control = new OperationControl(session.client());
      for (Stamp stamp : stamps) {
        Optional<StampState> state = control.stampState(stamp.name());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("stamp", stamp.name());
        row.put("primaryRegion", stamp.primaryRegion());
        row.put("secondaryRegion", stamp.secondaryRegion());
        row.put("state", state.orElse(null));
        rows.add(row);
      }
    }
    if (json) {
      printJson(rows);
      return ExitCodes.OK;
    }
    for (Map<String, Object> row : rows) out().println(line(row));
    out().flush();
    return ExitCodes.OK;
  }

  private static String line(Map<String, Object> row) {
    StampState s = (StampState) row.get("state");
    String regions = row.get("primaryRegion") + " -> " + row.get("secondaryRegion");
    StringBuilder b = new StringBuilder(String.format("%-16s %-28s ", row.get("stamp"), regions));
    if (s == null) return b.append("active ").append(row.get("primaryRegion")).append("  (no operation yet)").toString();
    b.append("active ").append(s.activeRegion());
    if (s.currentOperation() != null) {
      b.append("  running ").append(s.currentMode() == null ? "" : s.currentMode() + " ").append(s.currentOperation());
    } else {
      b.append("  idle");
    }
    if (s.cooldownUntilMillis() > System.currentTimeMillis()) {
      b.append("  cooldown until ").append(Instant.ofEpochMilli(s.cooldownUntilMillis()));
    }
    if (s.history() != null && !s.history().isEmpty()) {
      OperationSummary last = s.history().get(s.history().size() - 1);
      b.append("  last ").append(last.mode() == null ? "" : last.mode().text() + " ")
          .append(last.operationId()).append(' ').append(last.outcome());
    }
    return b.toString();
  }
}
