package dev.continuity.model.estate;

import java.time.Duration;
import java.util.List;

/** A stamp's default for approval gates: how long to wait, and what happens when nobody answers. */
public record ApprovalPolicy(Duration timeout, TimeoutOutcome onTimeout, List<String> escalateTo) {
  public static final ApprovalPolicy DEFAULT = new ApprovalPolicy(Duration.ofMinutes(15), TimeoutOutcome.ABORT, List.of());
}
