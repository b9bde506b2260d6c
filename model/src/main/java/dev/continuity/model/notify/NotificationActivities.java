package dev.continuity.model.notify;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Tells people what an operation needs or did (Microsoft Teams, a generic webhook). Never throws
 * for a delivery failure: an unreachable channel must not fail a failover, so the result lists
 * what failed and the workflow records it in the timeline.
 */
@ActivityInterface
public interface NotificationActivities {
  @ActivityMethod(name = "notify.approvalNeeded")
  NotificationResult approvalNeeded(ApprovalNotice notice);

  @ActivityMethod(name = "notify.decisionNeeded")
  NotificationResult decisionNeeded(DecisionNotice notice);

  @ActivityMethod(name = "notify.operationEnded")
  NotificationResult operationEnded(OperationEndedNotice notice);
}
