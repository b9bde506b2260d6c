package dev.continuity.starter;

import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.workflows.ContinuityNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steers and watches running operations: approvals and step decisions (as Updates, so a refusal
 * comes back at once with its reason), the timeline, the stamps' states, and lists by search
 * attribute.
 */
public final class OperationControl {
  private static final Logger log = LoggerFactory.getLogger(OperationControl.class);

  static final Set<String> OPERATION_TYPES = Set.of("Failover", "Failback", "Drill");

  private static final SearchAttributeKey<String> STAMP = SearchAttributeKey.forKeyword(ContinuityNames.SA_STAMP);
  private static final SearchAttributeKey<String> OPERATION = SearchAttributeKey.forKeyword(ContinuityNames.SA_OPERATION);
  private static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword(ContinuityNames.SA_PHASE);
  private static final SearchAttributeKey<Boolean> AWAITING =
      SearchAttributeKey.forBoolean(ContinuityNames.SA_AWAITING_APPROVAL);

  private final WorkflowClient client;

  public OperationControl(WorkflowClient client) {
    this.client = client;
  }

  /** Approves or rejects the gate waiting in the operation. */
  public UpdateOutcome approve(String operationId, ApprovalRequest request) {
    return update(operationId, "approve", request);
  }

  /** Retries, skips or aborts the failed step waiting for a decision. */
  public UpdateOutcome decide(String operationId, DecisionRequest request) {
    return update(operationId, "decide", request);
  }

  private UpdateOutcome update(String operationId, String name, Object argument) {
    WorkflowStub stub = client.newUntypedWorkflowStub(operationId);
    try {
      return new UpdateOutcome(true, stub.update(name, String.class, argument));
    } catch (WorkflowUpdateException e) {
      return new UpdateOutcome(false, Failures.reason(e));
    } catch (WorkflowException | StatusRuntimeException e) {
      if (Failures.notFound(e)) {
        if (exists(operationId)) return new UpdateOutcome(false, "operation " + operationId + " has already ended");
        throw new OperationNotFoundException(operationId);
      }
      if (Failures.status(e) == Status.Code.FAILED_PRECONDITION) {
        return new UpdateOutcome(false, "operation " + operationId + " has already ended");
      }
      throw e;
    }
  }

  private boolean exists(String workflowId) {
    try {
      client.newUntypedWorkflowStub(workflowId).describe();
      return true;
    } catch (RuntimeException e) {
      if (Failures.notFound(e)) return false;
      throw e;
    }
  }

  /** The operation's timeline and, once it ended, its result. */
  public OperationStatus status(String operationId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(operationId);
    WorkflowExecutionDescription d;
    try {
      d = stub.describe();
    } catch (RuntimeException e) {
      if (Failures.notFound(e)) throw new OperationNotFoundException(operationId);
      throw e;
    }
    String type = d.getWorkflowType();
    WorkflowExecutionStatus s = d.getStatus();
    String execution = s.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    if (s == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      Timeline timeline = stub.query("timeline", Timeline.class);
      return new OperationStatus(operationId, type, execution, timeline, null, null);
    }
    try {
      OperationResult result = stub.getResult(OperationResult.class);
      return new OperationStatus(operationId, type, execution, result.timeline(), result, null);
    } catch (WorkflowException e) {
      // The workflow itself failed or was terminated: the timeline may still be queryable.
      Timeline timeline = null;
      try {
        timeline = stub.query("timeline", Timeline.class);
      } catch (RuntimeException qe) {
        log.debug("no timeline for ended operation {}: {}", operationId, qe.toString());
      }
      return new OperationStatus(operationId, type, execution, timeline, null, Failures.reason(e));
    }
  }

  /** The stamp entity's state, or empty when the stamp has no entity (no operation was ever requested). */
  public Optional<StampState> stampState(String stamp) {
    WorkflowStub stub = client.newUntypedWorkflowStub(ContinuityNames.stampWorkflowId(stamp));
    try {
      return Optional.ofNullable(stub.query("state", StampState.class));
    } catch (RuntimeException e) {
      if (Failures.notFound(e)) return Optional.empty();
      throw e;
    }
  }

  /**
   * Operations matching the filter, newest first. Uses the visibility query; a server without it
   * (the in-process test server the demo falls back to) is asked for open and closed executions,
   * filtered here by the same search attributes.
   */
  public List<OperationListing> list(ListFilter filter) {
    int limit = filter.limit() <= 0 ? 50 : filter.limit();
    try {
      return client.listExecutions(filter.query())
          .limit(limit)
          .map(OperationControl::listing)
          .collect(Collectors.toList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
      log.debug("visibility query not supported by the server; listing open and closed executions");
      return listWithoutQuery(filter, limit);
    }
  }

  private List<OperationListing> listWithoutQuery(ListFilter filter, int limit) {
    String ns = client.getOptions().getNamespace();
    var stub = client.getWorkflowServiceStubs().blockingStub();
    List<WorkflowExecutionInfo> infos = new ArrayList<>(stub.listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(ns).setMaximumPageSize(1000).build())
        .getExecutionsList());
    if (!(filter.runningOnly() || filter.awaitingApproval())) {
      infos.addAll(stub.listClosedWorkflowExecutions(
          ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(ns).setMaximumPageSize(1000).build())
          .getExecutionsList());
    }
    // These lists carry no search attributes: describe each operation to read them.
    return infos.stream()
        .filter(i -> OPERATION_TYPES.contains(i.getType().getName()))
        .map(i -> listing(describe(i)))
        .filter(filter::matches)
        .sorted(Comparator.comparing(OperationListing::startedAt, Comparator.nullsLast(Comparator.reverseOrder())))
        .limit(limit)
        .collect(Collectors.toList());
  }

  private WorkflowExecutionMetadata describe(WorkflowExecutionInfo info) {
    try {
      return client.newUntypedWorkflowStub(info.getExecution(), java.util.Optional.empty()).describe();
    } catch (RuntimeException e) {
      log.debug("cannot describe {}: {}", info.getExecution().getWorkflowId(), e.toString());
      return new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter());
    }
  }

  private static OperationListing listing(WorkflowExecutionMetadata m) {
    SearchAttributes sa = m.getTypedSearchAttributes();
    Boolean awaiting = sa.get(AWAITING);
    Instant closed = m.getCloseTime();
    return new OperationListing(
        m.getExecution().getWorkflowId(),
        m.getWorkflowType(),
        m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
        sa.get(STAMP),
        sa.get(OPERATION),
        sa.get(PHASE),
        awaiting != null && awaiting,
        m.getStartTime(),
        closed);
  }
}
