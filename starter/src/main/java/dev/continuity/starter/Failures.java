package dev.continuity.starter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** Turns the SDK's exception chains into the one sentence an operator needs. */
final class Failures {
  private Failures() {}

  /** The innermost failure's own message: for a refused update, the validator's reason. */
  static String reason(Throwable e) {
    String best = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        best = af.getOriginalMessage();
      } else if (t instanceof TemporalFailure tf && best == null) {
        best = tf.getOriginalMessage();
      } else if (t instanceof StatusRuntimeException sre && best == null) {
        best = sre.getStatus().getDescription();
      }
    }
    if (best == null || best.isBlank()) best = e.getMessage();
    return best;
  }

  static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof WorkflowNotFoundException) return true;
      if (t instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  static Status.Code status(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException sre) return sre.getStatus().getCode();
    }
    return null;
  }
}
