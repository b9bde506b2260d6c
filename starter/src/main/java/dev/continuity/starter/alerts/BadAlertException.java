package dev.continuity.starter.alerts;

/** A body that is not what the endpoint accepts; its message, naming what is wrong, is the 400 answer. */
public final class BadAlertException extends Exception {
  public BadAlertException(String message) {
    super(message, null, false, false);
  }
}
