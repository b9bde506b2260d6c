package dev.continuity.workflows;

import dev.continuity.model.operation.OperationResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;

/** See {@link ScheduledDrillWorkflow}. */
public class ScheduledDrillWorkflowImpl implements ScheduledDrillWorkflow {
  /** The DrOperation value of scheduled drills (the drill itself is "drill"). */
  public static final String OPERATION = "scheduled-drill";

  private final ScheduledDrillActivities requests = Workflow.newActivityStub(ScheduledDrillActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build());

  // A drill can wait hours at a sign-off gate: the wait is one long activity that heartbeats, so a
  // lost worker is noticed within the heartbeat timeout and another one takes the wait over.
  private final ScheduledDrillActivities waits = Workflow.newActivityStub(ScheduledDrillActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofDays(7))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build());

  private final OperationSearchAttributes searchAttributes = new OperationSearchAttributes();

  @Override
  public ScheduledDrillResult run(ScheduledDrillInput input) {
    searchAttributes.publish(input.stamp(), OPERATION, "requesting", null);
    WorkflowInfo info = Workflow.getInfo();
    // The run id makes each scheduled start its own trigger; retries of the request reuse it.
    String trigger = "schedule:" + input.scheduleId() + ":" + info.getWorkflowId() + ":" + info.getRunId();
    DrillRequest answer = requests.request(input, trigger, Workflow.currentTimeMillis());
    if (answer.refusal() != null) {
      searchAttributes.publish(null, null, "refused", null);
      Workflow.getLogger(ScheduledDrillWorkflowImpl.class).info("stamp {} refused the scheduled drill: {}", input.stamp(), answer.refusal());
      return new ScheduledDrillResult(input.stamp(), null, null, answer.refusal());
    }
    searchAttributes.publish(null, null, "running", null);
    OperationResult result = waits.awaitEnd(answer.operationId());
    searchAttributes.publish(null, null, result.outcome().name().toLowerCase(), null);
    return new ScheduledDrillResult(input.stamp(), answer.operationId(), result.outcome(), null);
  }
}
