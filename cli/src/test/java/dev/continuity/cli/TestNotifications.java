package dev.continuity.cli;

import dev.continuity.model.notify.ApprovalNotice;
import dev.continuity.model.notify.DecisionNotice;
import dev.continuity.model.notify.NotificationActivities;
import dev.continuity.model.notify.NotificationResult;
import dev.continuity.model.notify.OperationEndedNotice;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test double of the notifications (test sources only): keeps the notices, delivers nowhere. */
public class TestNotifications implements NotificationActivities {
  final List<Object> notices = new CopyOnWriteArrayList<>();

  private NotificationResult keep(Object notice) {
    notices.add(notice);
    return new NotificationResult(List.of(), List.of());
  }

  @Override
  public NotificationResult approvalNeeded(ApprovalNotice notice) {
    return keep(notice);
  }

  @Override
  public NotificationResult decisionNeeded(DecisionNotice notice) {
    return keep(notice);
  }

  @Override
  public NotificationResult operationEnded(OperationEndedNotice notice) {
    return keep(notice);
  }
}
