package dev.continuity.cli;

import dev.continuity.model.operation.Outcome;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.TemporalConnection;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Follows an operation until it ends by polling its timeline. On a terminal the step table is
 * redrawn in place; otherwise (a pipe, a log, CI) each change is appended as one dated line.
 * Either way, a step that waits for a human says how to answer it, once.
 */
final class LiveView {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final PrintWriter out;
  private final boolean tty;
  private final Duration interval;
  private final TemporalConnection connection;

  private int drawnLines;
  private final Map<String, StepState> seen = new HashMap<>();
  private final Set<String> hinted = new HashSet<>();
  private String seenPhase;

  LiveView(PrintWriter out, boolean tty, Duration interval, TemporalConnection connection) {
    this.out = out;
    this.tty = tty;
    this.interval = interval;
    this.connection = connection;
  }

  /** Shows the operation until it ends; returns its final status. */
  OperationStatus watch(OperationControl control, String operationId) {
    while (true) {
      OperationStatus s = control.status(operationId);
      if (tty) redraw(s); else append(s);
      if (!s.running()) {
        if (s.result() != null) out.println(StepTable.outcomeLine(s.result()));
        else if (s.failure() != null) out.println("operation " + s.execution().toLowerCase() + ": " + s.failure());
        out.flush();
        return s;
      }
      sleep(interval);
    }
  }

  /** Shows one snapshot (for callers that poll themselves, like the demo). */
  void show(OperationStatus s) {
    if (tty) redraw(s); else append(s);
  }

  /** Waits for the end without drawing anything (for --json). */
  static OperationStatus waitQuietly(OperationControl control, String operationId, Duration interval) {
    while (true) {
      OperationStatus s = control.status(operationId);
      if (!s.running()) return s;
      sleep(interval);
    }
  }

  /** 0 when the operation succeeded, 1 when it failed, was aborted or ended abnormally, 0 while it runs. */
  static int exitCode(OperationStatus s) {
    if (s.running()) return ExitCodes.OK;
    return s.result() != null && s.result().outcome() == Outcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** One snapshot: the table, and what to do about a waiting step. */
  static List<String> snapshot(OperationStatus s, TemporalConnection connection) {
    List<String> lines = new ArrayList<>(StepTable.render(s.operationId(), s.timeline(), System.currentTimeMillis()));
    if (s.running()) lines.addAll(waitingHints(s, connection));
    else if (s.result() != null) lines.add(StepTable.outcomeLine(s.result()));
    else if (s.failure() != null) lines.add("operation " + s.execution().toLowerCase() + ": " + s.failure());
    return lines;
  }

  private static List<String> waitingHints(OperationStatus s, TemporalConnection connection) {
    List<String> lines = new ArrayList<>();
    if (s.timeline() == null) return lines;
    for (StepRecord step : s.timeline().steps) {
      if (step.state == StepState.AWAITING_APPROVAL) lines.addAll(Hints.approval(s.operationId(), step, connection));
      if (step.state == StepState.AWAITING_DECISION) lines.addAll(Hints.decision(s.operationId(), step, connection));
    }
    return lines;
  }

  private void redraw(OperationStatus s) {
    List<String> lines = new ArrayList<>(StepTable.render(s.operationId(), s.timeline(), System.currentTimeMillis()));
    if (s.running()) lines.addAll(waitingHints(s, connection));
    StringBuilder b = new StringBuilder();
    if (drawnLines > 0) b.append("\033[").append(drawnLines).append('F');
    for (String l : lines) b.append(l).append("\033[K").append(System.lineSeparator());
    b.append("\033[J");
    out.print(b);
    out.flush();
    drawnLines = lines.size();
  }

  private void append(OperationStatus s) {
    Timeline t = s.timeline();
    String now = CLOCK.format(Instant.now());
    if (t == null) return;
    if (seenPhase == null) {
      StepTable.render(s.operationId(), t, System.currentTimeMillis()).stream().limit(1).forEach(out::println);
    } else if (t.phase != null && !t.phase.equals(seenPhase)) {
      out.println(now + "  " + s.operationId() + " " + t.phase);
    }
    seenPhase = t.phase == null ? "" : t.phase;
    for (StepRecord step : t.steps) {
      StepState before = seen.put(step.id, step.state);
      if (step.state == before || (before == null && step.state == StepState.PENDING)) continue;
      StringBuilder l = new StringBuilder(now).append("  ").append(step.id).append("  ").append(StepTable.label(step.state));
      if (step.state == StepState.RUNNING && step.attempts > 1) l.append("  attempt ").append(step.attempts);
      if (step.decision != null && step.state.isTerminal()) l.append("  ").append(step.decision);
      if (step.message != null && step.state == StepState.SUCCEEDED) l.append("  ").append(step.message);
      if (step.error != null && (step.state == StepState.FAILED || step.state == StepState.AWAITING_DECISION)) {
        l.append("  error: ").append(step.error);
      }
      out.println(l);
      String key = step.id + "/" + step.state + "/" + step.attempts;
      if (step.state == StepState.AWAITING_APPROVAL && hinted.add(key)) {
        Hints.approval(s.operationId(), step, connection).forEach(out::println);
      }
      if (step.state == StepState.AWAITING_DECISION && hinted.add(key)) {
        Hints.decision(s.operationId(), step, connection).forEach(out::println);
      }
    }
    out.flush();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while following the operation");
    }
  }
}
