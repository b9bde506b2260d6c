package dev.continuity.starter.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of the alert handling (test sources only): records what reached it. */
final class RecordingHandling implements AlertHandling {
  final List<AlertSignal> signals = new CopyOnWriteArrayList<>();
  volatile boolean failing;

  @Override
  public List<AlertDisposition> handle(AlertSignal signal) {
    if (failing) throw new IllegalStateException("Temporal is unreachable (test)");
    signals.add(signal);
    return List.of(new AlertDisposition(signal.alertId(), "started", "test", "op-1", null));
  }
}
