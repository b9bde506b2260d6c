package dev.continuity.starter.alerts;

import java.util.List;

/**
 * Turns a parsed, authenticated signal into operations. Throws (any runtime exception) when it
 * cannot reach Temporal: the server then answers 503 and the sender retries the delivery.
 */
public interface AlertHandling {
  List<AlertDisposition> handle(AlertSignal signal);

  /** Every signal of one delivery; an implementation may handle them concurrently. */
  default List<AlertDisposition> handleAll(List<AlertSignal> signals) {
    List<AlertDisposition> all = new java.util.ArrayList<>();
    for (AlertSignal s : signals) all.addAll(handle(s));
    return all;
  }
}
