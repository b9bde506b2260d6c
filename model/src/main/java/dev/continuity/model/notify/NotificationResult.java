package dev.continuity.model.notify;

import java.util.List;

/**
 * What a notification reached.
 *
 * @param delivered the channels that accepted it ("teams", "webhook")
 * @param failures one line per channel that did not ("teams: HTTP 500"), for the timeline
 */
public record NotificationResult(List<String> delivered, List<String> failures) {
  public boolean allDelivered() {
    return failures == null || failures.isEmpty();
  }
}
