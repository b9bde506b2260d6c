package dev.continuity.workflows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of the client side of detection: records each alarm; the first starts a failover, later ones join it. */
final class RecordingAlarms implements DetectionActivities {
  final List<DetectedOutage> raised = new CopyOnWriteArrayList<>();

  @Override
  public DetectionAnswer raise(DetectedOutage outage) {
    raised.add(outage);
    String op = outage.stamp() + "-failover-1";
    return raised.size() == 1 ? new DetectionAnswer("started", op, null) : new DetectionAnswer("joined", op, null);
  }
}
