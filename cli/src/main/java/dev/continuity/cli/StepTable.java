package dev.continuity.cli;

import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An operation's steps as lines of text: one header, one line per step. */
final class StepTable {
  private StepTable() {}

  static List<String> render(String operationId, Timeline t, long nowMillis) {
    List<String> lines = new ArrayList<>();
    if (t == null) {
      lines.add(operationId + ": no timeline available");
      return lines;
    }
    StringBuilder h = new StringBuilder();
    h.append(t.mode == null ? "operation" : t.mode.text()).append(' ').append(operationId);
    if (t.stamp != null) h.append("  stamp ").append(t.stamp);
    if (t.fromRegion != null || t.toRegion != null) h.append("  ").append(t.fromRegion).append(" -> ").append(t.toRegion);
    if (t.phase != null) h.append("  ").append(t.phase);
    if (t.startedAtMillis > 0) {
      long end = t.endedAtMillis > 0 ? t.endedAtMillis : nowMillis;
      h.append("  ").append(duration(end - t.startedAtMillis));
    }
    lines.add(h.toString());
    int idWidth = 4;
    int actionWidth = 6;
    for (StepRecord s : t.steps) {
      idWidth = Math.max(idWidth, s.id.length());
      actionWidth = Math.max(actionWidth, s.action == null ? 6 : s.action.length());
    }
    for (StepRecord s : t.steps) {
      StringBuilder l = new StringBuilder("  ");
      l.append(marker(s.state)).append(' ');
      l.append(pad(s.id, idWidth)).append("  ");
      l.append(pad(s.action == null ? "(gate)" : s.action, actionWidth)).append("  ");
      l.append(pad(label(s.state), 17));
      String detail = detail(s, nowMillis);
      if (!detail.isEmpty()) l.append("  ").append(detail);
      lines.add(l.toString().stripTrailing());
    }
    return lines;
  }

  /** The closing line: outcome, where the stamp is active, the report. */
  static String outcomeLine(OperationResult r) {
    StringBuilder b = new StringBuilder("outcome ").append(r.outcome());
    if (r.activeRegion() != null) b.append("  active region ").append(r.activeRegion());
    if (r.reportLocation() != null) b.append("  report ").append(r.reportLocation());
    if (r.summary() != null && !r.summary().isBlank()) b.append(System.lineSeparator()).append(r.summary());
    return b.toString();
  }

  static String label(StepState state) {
    return state == null ? "unknown" : state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String marker(StepState s) {
    if (s == null) return "[  ]";
    return switch (s) {
      case SUCCEEDED -> "[ok]";
      case RUNNING -> "[>>]";
      case AWAITING_APPROVAL, AWAITING_DECISION -> "[??]";
      case FAILED -> "[!!]";
      case SKIPPED, NOT_RUN -> "[--]";
      case PENDING -> "[  ]";
    };
  }

  private static String detail(StepRecord s, long now) {
    List<String> parts = new ArrayList<>();
    if (s.startedAtMillis > 0 && s.state != StepState.PENDING) {
      long end = s.endedAtMillis > 0 ? s.endedAtMillis : now;
      parts.add(duration(end - s.startedAtMillis));
    }
    if (s.attempts > 1) parts.add(s.attempts + " attempts");
    if (s.decision != null) parts.add(s.decision);
    if (s.error != null && (s.state == StepState.FAILED || s.state == StepState.AWAITING_DECISION
        || s.state == StepState.RUNNING)) {
      parts.add("error: " + s.error);
    } else if (s.message != null) {
      parts.add(s.message);
    }
    return String.join("  ", parts);
  }

  static String duration(long millis) {
    Duration d = Duration.ofMillis(Math.max(0, millis));
    if (d.toMinutes() >= 60) return d.toHours() + "h" + String.format("%02dm", d.toMinutesPart());
    if (d.toSeconds() >= 60) return d.toMinutes() + "m" + String.format("%02ds", d.toSecondsPart());
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
