package dev.continuity.starter;

import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.ScheduledDrillInput;
import dev.continuity.workflows.ScheduledDrillWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * Drills on Temporal Schedules. Each schedule starts a {@link ScheduledDrillWorkflow}, which
 * compiles the runbook when it fires; the overlap policy SKIP drops a firing while the previous
 * drill still runs.
 */
public final class DrillSchedules {
  /** Schedules made here carry this id prefix, so "schedule list" shows drills only. */
  public static final String ID_PREFIX = "drill-";

  private final ScheduleClient schedules;

  public DrillSchedules(TemporalSession session) {
    this.schedules = ScheduleClient.newInstance(session.service(),
        ScheduleClientOptions.newBuilder().setNamespace(session.namespace()).build());
  }

  /**
   * When a schedule fires: a cron expression (UTC) or a fixed interval.
   */
  public record When(String cron, Duration every) {
    public When {
      if ((cron == null) == (every == null)) throw new IllegalArgumentException("give either a cron expression or an interval");
      if (every != null && (every.isNegative() || every.toSeconds() < 1)) {
        throw new IllegalArgumentException("the interval must be at least one second");
      }
    }

    ScheduleSpec spec() {
      ScheduleSpec.Builder b = ScheduleSpec.newBuilder();
      if (cron != null) b.setCronExpressions(List.of(cron));
      else b.setIntervals(List.of(new ScheduleIntervalSpec(every)));
      return b.build();
    }

    @Override
    public String toString() {
      return cron != null ? "cron " + cron : "every " + every.toString().substring(2).toLowerCase();
    }
  }

  /** One drill schedule as listed. */
  public record Listing(String id, String stamp, String when, boolean paused, String note, Instant nextRun, Instant lastRun,
      long skippedOverlap) {}

  /** The default id of a stamp's drill schedule. */
  public static String defaultId(String stamp) {
    return ID_PREFIX + stamp;
  }

  /**
   * Creates the schedule; throws {@link IllegalStateException} when the id is taken.
   *
   * @param requestedBy who the drills run as; null for "schedule:&lt;id&gt;"
   */
  public String create(String id, String stamp, When when, String requestedBy) {
    ScheduledDrillInput input = new ScheduledDrillInput(stamp, id, requestedBy, "scheduled drill (" + id + ", " + when + ")");
    Schedule schedule = Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(ScheduledDrillWorkflow.TYPE)
            .setArguments(input)
            .setOptions(WorkflowOptions.newBuilder()
                // The schedule appends the firing time, so each drill has its own id.
                .setWorkflowId("scheduled-" + id)
                .setTaskQueue(ContinuityNames.TASK_QUEUE)
                .build())
            .build())
        .setSpec(when.spec())
        .setPolicy(SchedulePolicy.newBuilder().setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP).build())
        .setState(ScheduleState.newBuilder().setNote("drill of stamp " + stamp + ", " + when).build())
        .build();
    try {
      schedules.createSchedule(id, schedule, ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException e) {
      throw new IllegalStateException("a schedule with id " + id + " already exists (give another with --id, or delete it first)");
    }
    return id;
  }

  public List<Listing> list() {
    return schedules.listSchedules().filter(d -> d.getScheduleId().startsWith(ID_PREFIX))
        .map(d -> describe(d.getScheduleId())).collect(Collectors.toList());
  }

  public Listing describe(String id) {
    ScheduleDescription d = handle(id).describe();
    Schedule s = d.getSchedule();
    String stamp = null;
    if (s.getAction() instanceof ScheduleActionStartWorkflow a && a.getArguments() != null && a.getArguments().getSize() > 0) {
      stamp = a.getArguments().get(0, ScheduledDrillInput.class).stamp();
    }
    ScheduleSpec spec = s.getSpec();
    String when = !spec.getCronExpressions().isEmpty() ? "cron " + String.join(" | ", spec.getCronExpressions())
        : !spec.getIntervals().isEmpty() ? "every " + spec.getIntervals().get(0).getEvery().toString().substring(2).toLowerCase()
        : !spec.getCalendars().isEmpty() ? "calendar" : "";
    List<Instant> next = d.getInfo().getNextActionTimes();
    var recent = d.getInfo().getRecentActions();
    return new Listing(id, stamp, when, s.getState().isPaused(), s.getState().getNote(),
        next.isEmpty() ? null : next.get(0), recent.isEmpty() ? null : recent.get(recent.size() - 1).getStartedAt(),
        d.getInfo().getNumActionsSkippedOverlap());
  }

  public void pause(String id, String note) {
    handle(id).pause(note);
  }

  public void unpause(String id, String note) {
    handle(id).unpause(note);
  }

  /** Starts a drill now, under the schedule's overlap policy (skipped while one runs). */
  public void trigger(String id) {
    handle(id).trigger();
  }

  public void delete(String id) {
    handle(id).delete();
  }

  /** A handle to an existing schedule; {@link NoSuchElementException} when there is none. */
  private ScheduleHandle handle(String id) {
    ScheduleHandle h = schedules.getHandle(id);
    try {
      h.describe();
    } catch (RuntimeException e) {
      if (Failures.notFound(e)) throw new NoSuchElementException("no schedule '" + id + "' in this namespace (see: continuity schedule list)");
      throw e;
    }
    return h;
  }
}
