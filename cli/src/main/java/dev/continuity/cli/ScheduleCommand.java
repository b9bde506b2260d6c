package dev.continuity.cli;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.starter.DrillSchedules;
import dev.continuity.starter.TemporalSession;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Drills on Temporal Schedules. A schedule starts a small ScheduledDrill workflow that compiles the
 * stamp's runbook when it fires and asks the stamp for a drill; overlap policy SKIP.
 */
@Command(name = "schedule",
    mixinStandardHelpOptions = true,
    description = {
        "Schedules drills on Temporal Schedules: make, list, pause, unpause, trigger, delete.",
        "Each firing compiles the stamp's drill runbook as it is then (the worker's --config) and asks the stamp "
            + "for a drill, which it refuses while a real failover runs (the refusal is recorded: see "
            + "'continuity drills'). A firing while the previous drill still runs is skipped."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:done", "1:Temporal could not be reached", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity schedule drill --stamp web-api --cron \"0 9 * * MON\"",
        "  continuity schedule drill --stamp ai-platform --every 7d --as alice@contoso.com",
        "  continuity schedule list",
        "  continuity schedule trigger drill-web-api",
        "  continuity schedule pause drill-web-api --note \"change freeze\""},
    subcommands = {
        ScheduleCommand.Drill.class,
        ScheduleCommand.ListSchedules.class,
        ScheduleCommand.Pause.class,
        ScheduleCommand.Unpause.class,
        ScheduleCommand.Trigger.class,
        ScheduleCommand.Delete.class})
final class ScheduleCommand extends ContinuityCommand {
  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return ExitCodes.USAGE;
  }

  @Command(name = "drill", mixinStandardHelpOptions = true,
      description = "Schedules drills of a stamp, by cron expression (UTC) or fixed interval.")
  static final class Drill extends OutputCommand {
    @ParentCommand ScheduleCommand parent;

    @Option(names = "--stamp", required = true, paramLabel = "STAMP", description = "The stamp, as named in the inventory.")
    String stamp;

    static final class When {
      @Option(names = "--cron", paramLabel = "EXPR", description = "Cron expression in UTC, e.g. \"0 9 * * MON\".")
      String cron;

      @Option(names = "--every", paramLabel = "DURATION", converter = IntervalConverter.class,
          description = "Fixed interval, e.g. 7d, 12h, 30m.")
      Duration every;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    @Option(names = "--as", paramLabel = "IDENTITY", description = "Who the drills run as (default: schedule:<id>).")
    String as;

    @Option(names = "--id", paramLabel = "ID", description = "Schedule id (default: drill-<stamp>).")
    String id;

    @Override
    public Integer call() throws EstateException {
      Estate estate = ContinuityCommand.loadEstate(parent.root);
      if (estate.inventory().stamp(stamp) == null) {
        throw new EstateException(new Problem(null, 0, null, "unknown stamp '" + stamp + "'"));
      }
      String scheduleId = id != null ? id : DrillSchedules.defaultId(stamp);
      if (!scheduleId.startsWith(DrillSchedules.ID_PREFIX)) scheduleId = DrillSchedules.ID_PREFIX + scheduleId;
      DrillSchedules.When w;
      try {
        w = new DrillSchedules.When(when.cron, when.every);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      try (TemporalSession session = parent.connect()) {
        new DrillSchedules(session).create(scheduleId, stamp, w, as);
      } catch (IllegalStateException e) {
        throw new UsageException(e.getMessage());
      }
      out().println("scheduled drills of " + stamp + " (" + w + ") as schedule " + scheduleId);
      out().println("each drill compiles the runbook the worker reads when it starts; see them with: continuity drills --stamp " + stamp);
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the drill schedules.")
  static final class ListSchedules extends OutputCommand {
    @ParentCommand ScheduleCommand parent;

    @Option(names = "--json", description = "Print the schedules as a JSON array.")
    boolean json;

    @Override
    public Integer call() {
      List<DrillSchedules.Listing> all;
      try (TemporalSession session = parent.connect()) {
        all = new DrillSchedules(session).list();
      }
      if (json) {
        printJson(all);
        return ExitCodes.OK;
      }
      if (all.isEmpty()) {
        out().println("no drill schedules (make one with: continuity schedule drill --stamp STAMP --every 7d)");
      } else {
        int width = Math.max(8, all.stream().mapToInt(l -> l.id().length()).max().orElse(0));
        String row = "%-" + width + "s  %-14s %-22s %-7s %-22s %s";
        out().println(String.format(row, "SCHEDULE", "STAMP", "WHEN", "STATE", "NEXT", "NOTE"));
        for (DrillSchedules.Listing l : all) {
          out().println(String.format(row, l.id(), l.stamp() == null ? "" : l.stamp(), l.when(), l.paused() ? "paused" : "active",
              l.paused() || l.nextRun() == null ? "-" : l.nextRun(), l.note() == null ? "" : l.note()));
        }
      }
      out().flush();
      return ExitCodes.OK;
    }
  }

  /** pause/unpause/trigger/delete: one schedule id, one action. */
  abstract static class OnSchedule extends OutputCommand {
    @ParentCommand ScheduleCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The schedule id (see: continuity schedule list).")
    String id;

    abstract String done();

    abstract BiConsumer<DrillSchedules, String> action();

    @Override
    public Integer call() {
      try (TemporalSession session = parent.connect()) {
        action().accept(new DrillSchedules(session), id);
      } catch (NoSuchElementException e) {
        throw new UsageException(e.getMessage());
      }
      out().println("schedule " + id + " " + done());
      out().flush();
      return ExitCodes.OK;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stops a drill schedule from firing until unpaused.")
  static final class Pause extends OnSchedule {
    @Option(names = "--note", paramLabel = "TEXT", description = "Why (shown by schedule list and in the Web UI).")
    String note;

    String done() {
      return "paused";
    }

    BiConsumer<DrillSchedules, String> action() {
      return (s, id) -> s.pause(id, note != null ? note : "paused from the continuity CLI");
    }
  }

  @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Lets a paused drill schedule fire again.")
  static final class Unpause extends OnSchedule {
    String done() {
      return "unpaused";
    }

    BiConsumer<DrillSchedules, String> action() {
      return (s, id) -> s.unpause(id, "unpaused from the continuity CLI");
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true,
      description = "Starts a drill of the schedule now (skipped if the previous one still runs).")
  static final class Trigger extends OnSchedule {
    String done() {
      return "triggered (follow it with: continuity drills --stamp STAMP)";
    }

    BiConsumer<DrillSchedules, String> action() {
      return DrillSchedules::trigger;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Deletes a drill schedule (a drill it started keeps running).")
  static final class Delete extends OnSchedule {
    String done() {
      return "deleted";
    }

    BiConsumer<DrillSchedules, String> action() {
      return DrillSchedules::delete;
    }
  }
}
