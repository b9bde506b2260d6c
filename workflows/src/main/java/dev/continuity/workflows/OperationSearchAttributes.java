package dev.continuity.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The typed search attributes that let an operator find "awaiting approval" operations in the Web
 * UI's list. Upserts only what changed: every upsert is an event in the workflow's history.
 */
final class OperationSearchAttributes {
  static final SearchAttributeKey<String> STAMP = SearchAttributeKey.forKeyword(ContinuityNames.SA_STAMP);
  static final SearchAttributeKey<String> OPERATION = SearchAttributeKey.forKeyword(ContinuityNames.SA_OPERATION);
  static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword(ContinuityNames.SA_PHASE);
  static final SearchAttributeKey<Boolean> AWAITING_APPROVAL = SearchAttributeKey.forBoolean(ContinuityNames.SA_AWAITING_APPROVAL);

  private String stamp;
  private String operation;
  private String phase;
  private Boolean awaitingApproval;

  /** Sets the four attributes; a null value leaves that attribute as it is. */
  void publish(String stamp, String operation, String phase, Boolean awaitingApproval) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    if (stamp != null && !Objects.equals(stamp, this.stamp)) {
      updates.add(SearchAttributeUpdate.valueSet(STAMP, stamp));
      this.stamp = stamp;
    }
    if (operation != null && !Objects.equals(operation, this.operation)) {
      updates.add(SearchAttributeUpdate.valueSet(OPERATION, operation));
      this.operation = operation;
    }
    if (phase != null && !Objects.equals(phase, this.phase)) {
      updates.add(SearchAttributeUpdate.valueSet(PHASE, phase));
      this.phase = phase;
    }
    if (awaitingApproval != null && !Objects.equals(awaitingApproval, this.awaitingApproval)) {
      updates.add(SearchAttributeUpdate.valueSet(AWAITING_APPROVAL, awaitingApproval));
      this.awaitingApproval = awaitingApproval;
    }
    if (!updates.isEmpty()) Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
  }
}
