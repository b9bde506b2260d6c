/**
 * Continuity's workflows: the stamp entity ({@link dev.continuity.workflows.StampWorkflowImpl}) and
 * the operations it runs as children (failover, failback, drill), all executed by one DAG engine
 * ({@link dev.continuity.workflows.RunbookExecutor}) with approval gates and operator decisions.
 *
 * <p>Register {@link dev.continuity.workflows.Workflows#IMPLEMENTATIONS} on
 * {@link dev.continuity.workflows.ContinuityNames#TASK_QUEUE}.
 *
 * <p>Versioning: this is v1. A change to what a workflow does (a new command, another order, a
 * different condition) must be guarded with {@code Workflow.getVersion(changeId, DEFAULT_VERSION, n)}
 * at the point of change, so that operations already running keep their path; the histories under
 * {@code src/test/resources/histories} must keep replaying (HistoryReplayTest), and a new history
 * is recorded for the new path (HistoryRecorder).
 */
package dev.continuity.workflows;
