package dev.continuity.activities;

import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/** One synchronous Azure call, with its failure translated for Temporal. */
final class AzureCall {
  static final String NOT_CONVERGED = "NotYetInDesiredState";

  private AzureCall() {}

  static <T> T run(String resource, String role, Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      throw ArmFailures.translate(e, resource, role);
    }
  }

  /**
   * The verification after a change did not find the desired state. Retryable: ARM reads can lag a
   * write for a moment, and the next attempt observes first, so it never repeats a finished change.
   */
  static ApplicationFailure notConverged(String what) {
    return ApplicationFailure.newFailure(what, NOT_CONVERGED);
  }
}
