package dev.continuity.workflows;

import java.util.List;

/** The workflow implementations a Continuity worker registers on {@link ContinuityNames#TASK_QUEUE}. */
public final class Workflows {
  public static final List<Class<?>> IMPLEMENTATIONS = List.of(
      StampWorkflowImpl.class, FailoverWorkflowImpl.class, FailbackWorkflowImpl.class, DrillWorkflowImpl.class,
      ScheduledDrillWorkflowImpl.class, StampProbeWorkflowImpl.class);

  private Workflows() {}

  /** For Worker.registerWorkflowImplementationTypes(Class...). */
  public static Class<?>[] implementationTypes() {
    return IMPLEMENTATIONS.toArray(new Class<?>[0]);
  }
}
