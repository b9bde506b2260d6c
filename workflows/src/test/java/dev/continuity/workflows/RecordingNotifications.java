package dev.continuity.workflows;

import dev.continuity.model.notify.ApprovalNotice;
import dev.continuity.model.notify.DecisionNotice;
import dev.continuity.model.notify.NotificationActivities;
import dev.continuity.model.notify.NotificationResult;
import dev.continuity.model.notify.OperationEndedNotice;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/** Test double of the notifications: records every notice; can report a dead channel or fail outright. */
public class RecordingNotifications implements NotificationActivities {
  private final List<Object> notices = new ArrayList<>();
  private volatile String deadChannel;
  private volatile boolean throwing;

  /** Every notice reports this channel as not delivered. */
  public RecordingNotifications deadChannel(String failure) {
    deadChannel = failure;
    return this;
  }

  /** Every call fails (non-retryable), as a broken notifier would. */
  public RecordingNotifications throwing(boolean value) {
    throwing = value;
    return this;
  }

  public synchronized List<Object> notices() {
    return List.copyOf(notices);
  }

  public synchronized <T> List<T> notices(Class<T> type) {
    return notices.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private NotificationResult answer(Object notice) {
    synchronized (this) {
      notices.add(notice);
    }
    if (throwing) throw ApplicationFailure.newNonRetryableFailure("notifier broken", "NotifierBroken");
    return deadChannel == null ? new NotificationResult(List.of("webhook"), List.of())
        : new NotificationResult(List.of(), List.of(deadChannel));
  }

  @Override
  public NotificationResult approvalNeeded(ApprovalNotice notice) {
    return answer(notice);
  }

  @Override
  public NotificationResult decisionNeeded(DecisionNotice notice) {
    return answer(notice);
  }

  @Override
  public NotificationResult operationEnded(OperationEndedNotice notice) {
    return answer(notice);
  }
}
