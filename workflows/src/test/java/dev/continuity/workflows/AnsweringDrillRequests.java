package dev.continuity.workflows;

import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.Outcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test double of the scheduled drill's client side: answers as told and records the triggers it saw. */
final class AnsweringDrillRequests implements ScheduledDrillActivities {
  final List<String> triggers = new CopyOnWriteArrayList<>();
  private final String refusal;
  private final Outcome outcome;
  private final AtomicInteger failuresLeft;

  /** @param refusal the stamp's reason to refuse, or null to accept; the first {@code failures} requests fail transiently */
  AnsweringDrillRequests(String refusal, Outcome outcome, int failures) {
    this.refusal = refusal;
    this.outcome = outcome;
    this.failuresLeft = new AtomicInteger(failures);
  }

  @Override
  public DrillRequest request(ScheduledDrillInput input, String triggerId, long triggeredAtMillis) {
    triggers.add(triggerId);
    if (failuresLeft.getAndDecrement() > 0) throw new IllegalStateException("Temporal briefly unreachable");
    return refusal != null ? DrillRequest.refused(refusal) : DrillRequest.accepted(input.stamp() + "-drill-1");
  }

  @Override
  public OperationResult awaitEnd(String operationId) {
    return new OperationResult(operationId, outcome, "eastus2", "drill " + outcome.name().toLowerCase(), null, null);
  }
}
