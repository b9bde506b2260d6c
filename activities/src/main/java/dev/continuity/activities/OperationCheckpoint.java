package dev.continuity.activities;

/**
 * What an action heartbeats while a long-running ARM operation runs, so that an attempt retried
 * after a worker crash polls the same operation instead of starting a second one (DESIGN rule 4).
 *
 * @param action the action's name, so a checkpoint is never taken for another action's
 * @param resource the resource ID the operation acts on
 * @param statusUrl the operation's status URL; null once the operation has ended (the next attempt starts afresh)
 * @param via "Azure-AsyncOperation" or "Location": the two status protocols answer differently
 */
public record OperationCheckpoint(String action, String resource, String statusUrl, String via) {
  static final String ASYNC_OPERATION = "Azure-AsyncOperation";
  static final String LOCATION = "Location";

  boolean running() {
    return statusUrl != null;
  }

  OperationCheckpoint ended() {
    return new OperationCheckpoint(action, resource, null, via);
  }
}
