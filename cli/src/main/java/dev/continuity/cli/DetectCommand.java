package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.starter.ProbeLoops;
import dev.continuity.starter.TemporalSession;
import dev.continuity.workflows.ProbeLoopInput;
import dev.continuity.workflows.ProbeLoopStatus;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** The built-in outage detection of stamps: a probe loop per stamp, started, stopped and read here. */
@Command(name = "detect",
    mixinStandardHelpOptions = true,
    description = {
        "Built-in outage detection: a probe loop per stamp (workflow probe-<stamp>) that probes the primary region's "
            + "health endpoints through the vantage points of the stamp's healthProbe resource every few seconds and, "
            + "after K failed rounds in a row (each seen by a quorum of vantage points), asks the stamp for a failover "
            + "exactly as an alert does. Interval, K, quorum and severity come from the stamp's 'detection:' block in "
            + "the inventory (see docs/detection.md)."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:done", "1:Temporal could not be reached", ExitCodes.HELP_USAGE,
        "3:a running loop refused the edited settings, or no worker answered"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity detect start --stamp ai-platform",
        "  continuity detect status --stamp ai-platform",
        "  continuity detect status --stamp ai-platform --json",
        "  continuity detect stop --stamp ai-platform"},
    subcommands = {DetectCommand.Start.class, DetectCommand.Stop.class, DetectCommand.Status.class})
final class DetectCommand extends ContinuityCommand {
  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return ExitCodes.USAGE;
  }

  abstract static class OnStamp extends OutputCommand {
    @ParentCommand DetectCommand parent;

    @Option(names = "--stamp", required = true, paramLabel = "STAMP", description = "The stamp, as named in the inventory.")
    String stamp;
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Starts the stamp's probe loop with its inventory's detection settings; a loop that already runs takes "
          + "the edited settings over between rounds (keeping its streak of failed rounds unless its probe or region changed).")
  static final class Start extends OnStamp {
    /** How long a running loop's worker may take to answer: a round in progress (at most its probe's timeout) finishes first. */
    static final java.time.Duration RECONFIGURE_WAIT = java.time.Duration.ofSeconds(60);

    @Override
    public Integer call() throws EstateException {
      Estate estate = ContinuityCommand.loadEstate(parent.root);
      ProbeLoopInput input = ProbeLoops.inputFor(estate, stamp);
      boolean started;
      try (TemporalSession session = parent.connect()) {
        started = new ProbeLoops(session.client()).start(input);
      }
      String quorum = input.quorum() == null ? "a majority" : String.valueOf(input.quorum());
      if (started) {
        out().println("probe loop of " + stamp + " started: " + input.primaryRegion() + " through " + input.probe().name() + " every "
            + input.interval().toSeconds() + " s; " + input.consecutiveFailures() + " failed rounds in a row, each seen by " + quorum
            + " vantage point(s), ask for a " + input.severity() + " failover");
        out().flush();
        return ExitCodes.OK;
      }
      // Already running: hand it the inventory's settings as they are now, so an edited detection block takes effect.
      ProbeLoops.Reconfigured r;
      try (TemporalSession session = parent.connect()) {
        r = new ProbeLoops(session.client()).reconfigure(input, RECONFIGURE_WAIT);
      }
      if (!r.applied()) {
        err().println("the probe loop of " + stamp + " already runs and keeps its settings: " + r.refusal());
        err().flush();
        return ExitCodes.REFUSED;
      }
      if (r.changes().isEmpty()) {
        out().println("the probe loop of " + stamp + " already runs with these settings: unchanged");
      } else {
        out().println("the probe loop of " + stamp + " already runs; it took the edited settings over:");
        for (String change : r.changes()) out().println("  " + change);
        // The loop's own account says whether its streak was kept or restarted (another probe or region).
        if (r.status() != null && r.status().lastChange() != null) out().println("  loop: " + r.status().lastChange());
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops the stamp's probe loop after its current round.")
  static final class Stop extends OnStamp {
    @Option(names = "--as", paramLabel = "IDENTITY", description = "Who stops it (logged; default: the OS user).")
    String as;

    @Override
    public Integer call() {
      String by = as != null ? as : "cli:" + System.getProperty("user.name", "unknown");
      boolean stopped;
      try (TemporalSession session = parent.connect()) {
        stopped = new ProbeLoops(session.client()).stop(stamp, by);
      }
      if (!stopped) throw new UsageException("no probe loop of stamp " + stamp + " is running (start one with: continuity detect start --stamp " + stamp + ")");
      out().println("probe loop of " + stamp + " stops after its current round");
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Shows the stamp's probe loop: running or not, rounds, failed rounds in a row, alarms and the stamp's last answer.")
  static final class Status extends OnStamp {
    @Option(names = "--json", description = "Print the loop's status as JSON.")
    boolean json;

    @Override
    public Integer call() {
      Optional<ProbeLoops.Loop> loop;
      try (TemporalSession session = parent.connect()) {
        loop = new ProbeLoops(session.client()).loop(stamp);
      }
      if (json) {
        printJson(loop.orElse(null));
        return ExitCodes.OK;
      }
      if (loop.isEmpty()) {
        out().println("stamp " + stamp + " has no probe loop (start one with: continuity detect start --stamp " + stamp + ")");
      } else {
        ProbeLoops.Loop l = loop.get();
        ProbeLoopStatus s = l.status();
        out().println("probe loop " + l.workflowId() + ": " + (l.running() ? "running" : "ended"));
        if (s != null) {
          out().println("  region:           " + s.region());
          out().println("  rounds:           " + s.rounds() + (s.lastRoundAtMillis() > 0 ? " (last at " + Instant.ofEpochMilli(s.lastRoundAtMillis()) + ")" : ""));
          out().println("  last round:       " + (s.lastRound() == null ? "-" : s.lastRound()));
          out().println("  failed in a row:  " + s.failedInARow() + (s.raised() ? " (this outage has raised its alarm)" : ""));
          out().println("  alarms:           " + s.alarms() + (s.lastAlarm() == null ? "" : "; last: " + s.lastAlarm()));
          if (s.lastChange() != null) out().println("  settings changed: " + s.lastChange());
        }
      }
      out().flush();
      return ExitCodes.OK;
    }
  }
}
