package dev.continuity.activities.report;

import dev.continuity.model.actions.Facts;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a report may say, computed by the program from the frozen plan and the timeline
 * (DESIGN rule 9). The model only words these facts; {@link GroundingCheck} refuses a text whose
 * numbers are not among them. Serialized as {@code facts.json} and into the prompt, so it holds
 * no resource settings or parameters (where connection strings and keys could live), drops
 * any measured fact whose name looks like a secret, and masks credentials inside free text
 * ({@link SecretText}).
 */
public record ReportFacts(
    String operationId,
    String stamp,
    String mode,
    String outcome,
    boolean planned,
    String severity,
    Trigger trigger,
    String primaryRegion,
    String secondaryRegion,
    Targets targets,
    Measures measures,
    List<Step> steps,
    List<DataSync> dataSync,
    List<Approval> approvals,
    List<Event> events) {

  /** What started the operation. */
  public record Trigger(String at, String reason, String requestedBy) {}

  public record Targets(long rtoSeconds, long rpoSeconds) {}

  /**
   * @param rtoSeconds trigger to the last step that moved traffic; -1 when traffic was not moved
   * @param dataLossSeconds the data-loss window; -1 when no step measured replication
   */
  public record Measures(
      long rtoSeconds, boolean rtoMet, long dataLossSeconds, boolean rpoMet, long approvalWaitSeconds,
      long durationSeconds, long plannedCriticalPathSeconds, int stepsTotal, int stepsSucceeded, int stepsSkipped,
      int stepsFailed, int stepsNotRun, int attempts) {}

  /**
   * One step as it ended: the service it touched and what the action said.
   *
   * @param secondsAfterTrigger when the step ended, counted from the trigger (the step's own RTO); -1 if it never ran
   */
  public record Step(
      String id, String phase, String action, String target, String state, int attempts, String startedAt,
      String endedAt, long durationSeconds, long secondsAfterTrigger, Boolean changed, String result, String decision,
      Map<String, Object> measured) {}

  /** Replication state a data service reported (Cosmos DB, Storage, Redis, SQL, ...). */
  public record DataSync(String step, String target, String action, String lastSyncTime, Long expectedDataLossSeconds) {}

  /**
   * @param outcome "approved", "rejected" or "timed out"
   * @param waitSeconds from the request to the decision; -1 while undecided
   */
  public record Approval(String step, String requestedAt, String decidedAt, String outcome, String who,
      String comment, long waitSeconds) {}

  public record Event(String at, String kind, String step, String who, String detail) {}

  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(key|secret|token|password|passwd|credential|connectionstring|sas|signature).*");

  public static ReportFacts of(Plan plan, Timeline t) {
    RecoveryMeasures m = RecoveryMeasures.of(plan, t);
    long trigger = t.triggeredAtMillis > 0 ? t.triggeredAtMillis : t.startedAtMillis;
    Targets targets = plan.targets() == null ? new Targets(-1, -1)
        : new Targets(plan.targets().rtoMinutes() * 60L, plan.targets().rpoMinutes() * 60L);
    Measures measures = new Measures(m.rtoSeconds(), m.rtoMet(), m.dataLossSeconds(), m.rpoMet(),
        m.approvalWaitSeconds(), m.durationSeconds(), plan.estimated() == null ? -1 : plan.estimated().toSeconds(),
        t.steps.size(), m.stepsSucceeded(), m.stepsSkipped(), m.stepsFailed(), m.stepsNotRun(), m.attempts());

    List<Step> steps = new ArrayList<>();
    List<DataSync> sync = new ArrayList<>();
    for (StepRecord s : t.steps) {
      boolean ran = s.startedAtMillis > 0 && s.endedAtMillis >= s.startedAtMillis;
      String result = SecretText.redact(s.error != null && !"SUCCEEDED".equals(String.valueOf(s.state)) ? s.error : s.message);
      steps.add(new Step(s.id, s.phase, s.action, s.target, String.valueOf(s.state), s.attempts,
          time(s.startedAtMillis), time(s.endedAtMillis), ran ? (s.endedAtMillis - s.startedAtMillis) / 1000 : -1,
          s.endedAtMillis > 0 ? Math.max(0, (s.endedAtMillis - trigger) / 1000) : -1, s.changed, result, SecretText.redact(s.decision), publicFacts(s.facts)));
      Map<String, Object> facts = s.facts == null ? Map.of() : s.facts;
      Object lastSync = facts.get(Facts.LAST_SYNC_TIME);
      Object loss = facts.get(Facts.EXPECTED_DATA_LOSS_SECONDS);
      if (lastSync != null || loss != null) {
        sync.add(new DataSync(s.id, s.target, s.action, lastSync == null ? null : SecretText.redact(String.valueOf(lastSync)),
            loss instanceof Number n ? n.longValue() : null));
      }
    }

    List<Approval> approvals = new ArrayList<>();
    Map<String, TimelineEvent> requested = new HashMap<>();
    List<Event> events = new ArrayList<>();
    for (TimelineEvent e : t.events) {
      events.add(new Event(time(e.atMillis()), String.valueOf(e.kind()), e.step(), e.who(), SecretText.redact(e.detail())));
      if (e.kind() == EventKind.APPROVAL_REQUESTED) {
        requested.putIfAbsent(e.step(), e);
      } else if (e.kind() == EventKind.APPROVED || e.kind() == EventKind.REJECTED
          || e.kind() == EventKind.APPROVAL_TIMED_OUT) {
        TimelineEvent from = requested.remove(e.step());
        String outcome = switch (e.kind()) {
          case APPROVED -> "approved";
          case REJECTED -> "rejected";
          default -> "timed out";
        };
        approvals.add(new Approval(e.step(), from == null ? null : time(from.atMillis()), time(e.atMillis()), outcome,
            e.who(), SecretText.redact(e.detail()), from == null ? -1 : (e.atMillis() - from.atMillis()) / 1000));
      }
    }
    for (TimelineEvent open : requested.values()) {
      approvals.add(new Approval(open.step(), time(open.atMillis()), null, "undecided", null, null, -1));
    }

    return new ReportFacts(t.operationId, t.stamp, t.mode == null ? null : t.mode.text(),
        t.outcome == null ? null : t.outcome.name().toLowerCase(Locale.ROOT), t.planned, t.severity,
        new Trigger(time(trigger), SecretText.redact(t.reason), t.requestedBy), t.fromRegion, t.toRegion, targets, measures,
        steps, sync, approvals, events);
  }

  /** The measured facts of a step without any whose name looks like a secret, credentials in values masked. */
  static Map<String, Object> publicFacts(Map<String, Object> facts) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (facts != null) facts.forEach((k, v) -> { if (!SECRET_NAME.matcher(k).matches()) out.put(k, SecretText.redactValue(v)); });
    return out;
  }

  /** Every duration, in seconds, a report may state: measures, targets, steps and waits. */
  public List<Long> durations() {
    List<Long> d = new ArrayList<>();
    Measures m = measures;
    for (long v : new long[] {m.rtoSeconds(), m.dataLossSeconds(), m.approvalWaitSeconds(), m.durationSeconds(),
        m.plannedCriticalPathSeconds(), targets.rtoSeconds(), targets.rpoSeconds()}) {
      if (v >= 0) d.add(v);
    }
    for (Step s : steps) {
      if (s.durationSeconds() >= 0) d.add(s.durationSeconds());
      if (s.secondsAfterTrigger() >= 0) d.add(s.secondsAfterTrigger());
    }
    for (DataSync s : dataSync) if (s.expectedDataLossSeconds() != null) d.add(s.expectedDataLossSeconds());
    for (Approval a : approvals) if (a.waitSeconds() >= 0) d.add(a.waitSeconds());
    return d;
  }

  /** Every count a report may state: step tallies and attempts. */
  public List<Long> counts() {
    List<Long> c = new ArrayList<>();
    Measures m = measures;
    for (long v : new long[] {m.stepsTotal(), m.stepsSucceeded(), m.stepsSkipped(), m.stepsFailed(), m.stepsNotRun(),
        m.attempts(), approvals.size(), dataSync.size()}) {
      c.add(v);
    }
    for (Step s : steps) c.add((long) s.attempts());
    return c;
  }

  /** Every instant a report may state, as ISO-8601 text. */
  public List<String> instants() {
    List<String> i = new ArrayList<>();
    if (trigger.at() != null) i.add(trigger.at());
    for (Step s : steps) {
      if (s.startedAt() != null) i.add(s.startedAt());
      if (s.endedAt() != null) i.add(s.endedAt());
    }
    for (Event e : events) if (e.at() != null) i.add(e.at());
    for (DataSync s : dataSync) if (s.lastSyncTime() != null) i.add(s.lastSyncTime());
    return i;
  }

  static String time(long millis) {
    return millis <= 0 ? null : Instant.ofEpochMilli(millis).toString();
  }

}
