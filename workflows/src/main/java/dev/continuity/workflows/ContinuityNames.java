package dev.continuity.workflows;

/** Names shared by workers and clients: task queue, workflow ids, search attributes. */
public final class ContinuityNames {
  /** The task queue of workflows and activities alike. */
  public static final String TASK_QUEUE = "continuity";

  /** Typed search attributes the workflows keep current, so operators can filter in the Web UI. */
  public static final String SA_STAMP = "DrStamp";
  public static final String SA_OPERATION = "DrOperation";
  public static final String SA_PHASE = "DrPhase";
  public static final String SA_AWAITING_APPROVAL = "DrAwaitingApproval";

  private ContinuityNames() {}

  public static String stampWorkflowId(String stamp) {
    return "stamp-" + stamp;
  }

  /** The workflow id of a stamp's built-in outage detection ({@link StampProbeWorkflow}). */
  public static String probeWorkflowId(String stamp) {
    return "probe-" + stamp;
  }
}
