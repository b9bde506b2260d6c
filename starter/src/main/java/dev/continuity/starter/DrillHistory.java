package dev.continuity.starter;

import dev.continuity.model.operation.OperationInput;
import dev.continuity.model.operation.OperationResult;
import dev.continuity.model.plan.Plan;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.ScheduledDrillResult;
import dev.continuity.workflows.ScheduledDrillWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stamp's past drills, from visibility: the Drill operations (DrStamp = S) with their results
 * and frozen plans (for the RTO target they were held to), and the scheduled drills the stamp
 * refused (ScheduledDrill workflows whose DrPhase is "refused").
 */
public final class DrillHistory {
  private static final Logger log = LoggerFactory.getLogger(DrillHistory.class);
  private static final SearchAttributeKey<String> STAMP = SearchAttributeKey.forKeyword(ContinuityNames.SA_STAMP);
  private static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword(ContinuityNames.SA_PHASE);

  /**
   * One drill: run (with its result once it ended) or refused.
   *
   * @param execution RUNNING, COMPLETED, FAILED, TERMINATED, ...
   * @param result the drill's result, null while it runs, when it did not complete, or when refused
   * @param plan the plan the drill ran, as frozen at its start; null when refused
   * @param refusal the stamp's reason, for a scheduled drill it refused; else null
   */
  public record DrillRun(String id, String execution, Instant startedAt, Instant closedAt, OperationResult result, Plan plan,
      String refusal) {
    public boolean refused() {
      return refusal != null;
    }
  }

  private final WorkflowClient client;

  public DrillHistory(WorkflowClient client) {
    this.client = client;
  }

  /** The stamp's drills, newest first, at most {@code limit}. */
  public List<DrillRun> list(String stamp, int limit) {
    String s = stamp.replace("'", "\\'");
    List<WorkflowExecutionMetadata> found = new ArrayList<>();
    try {
      found.addAll(client.listExecutions("WorkflowType = 'Drill' AND " + ContinuityNames.SA_STAMP + " = '" + s + "'")
          .limit(limit).toList());
      found.addAll(client.listExecutions("WorkflowType = '" + ScheduledDrillWorkflow.TYPE + "' AND " + ContinuityNames.SA_STAMP
          + " = '" + s + "' AND " + ContinuityNames.SA_PHASE + " = 'refused'").limit(limit).toList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) throw e;
      found = withoutQuery(stamp);
    }
    return found.stream()
        .sorted(Comparator.comparing(WorkflowExecutionMetadata::getStartTime).reversed())
        .limit(limit)
        .map(this::run)
        .toList();
  }

  private DrillRun run(WorkflowExecutionMetadata m) {
    String id = m.getExecution().getWorkflowId();
    String execution = m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    boolean completed = m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
    WorkflowStub stub = client.newUntypedWorkflowStub(id, Optional.of(m.getExecution().getRunId()), Optional.empty());
    if (ScheduledDrillWorkflow.TYPE.equals(m.getWorkflowType())) {
      ScheduledDrillResult r = completed ? stub.getResult(ScheduledDrillResult.class) : null;
      return new DrillRun(id, execution, m.getStartTime(), m.getCloseTime(), null, null,
          r == null || r.refusal() == null ? "refused" : r.refusal());
    }
    OperationResult result = completed ? stub.getResult(OperationResult.class) : null;
    return new DrillRun(id, execution, m.getStartTime(), m.getCloseTime(), result, frozenPlan(id, m.getExecution().getRunId()), null);
  }

  /** The plan the drill was started with: the first argument of its first history event. */
  private Plan frozenPlan(String workflowId, String runId) {
    try {
      HistoryEvent first = client.fetchHistory(workflowId, runId).getEvents().get(0);
      Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
      OperationInput in = client.getOptions().getDataConverter()
          .fromPayloads(0, Optional.of(input), OperationInput.class, OperationInput.class);
      return in.request() == null ? null : in.request().plan();
    } catch (RuntimeException e) {
      log.debug("cannot read the plan of {}: {}", workflowId, e.toString());
      return null;
    }
  }

  /** For a server without the visibility query (the in-process test server). */
  private List<WorkflowExecutionMetadata> withoutQuery(String stamp) {
    String ns = client.getOptions().getNamespace();
    var stub = client.getWorkflowServiceStubs().blockingStub();
    List<WorkflowExecutionInfo> infos = new ArrayList<>(stub.listOpenWorkflowExecutions(
        ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(ns).setMaximumPageSize(1000).build()).getExecutionsList());
    infos.addAll(stub.listClosedWorkflowExecutions(
        ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(ns).setMaximumPageSize(1000).build()).getExecutionsList());
    return infos.stream()
        .filter(i -> Stream.of("Drill", ScheduledDrillWorkflow.TYPE).anyMatch(t -> t.equals(i.getType().getName())))
        .map(i -> client.newUntypedWorkflowStub(i.getExecution(), Optional.empty()).describe())
        .filter(m -> stamp.equals(m.getTypedSearchAttributes().get(STAMP)))
        .filter(m -> "Drill".equals(m.getWorkflowType()) || "refused".equals(m.getTypedSearchAttributes().get(PHASE)))
        .map(m -> (WorkflowExecutionMetadata) m)
        .toList();
  }
}
