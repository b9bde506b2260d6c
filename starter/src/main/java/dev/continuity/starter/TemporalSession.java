package dev.continuity.starter;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.function.Supplier;

/**
 * An open connection to Temporal: the workflow client and, on demand, the operator service. Tests
 * build one around a {@code TestWorkflowEnvironment}'s stubs, which they keep owning.
 */
public final class TemporalSession implements AutoCloseable {
  private final TemporalConnection connection;
  private final WorkflowServiceStubs service;
  private final WorkflowClient client;
  private final Supplier<OperatorServiceStubs> operatorFactory;
  private final boolean ownsStubs;
  private OperatorServiceStubs operator;

  /**
   * @param ownsStubs true when closing the session shuts the stubs down (false for stubs the caller keeps)
   */
  public TemporalSession(
      TemporalConnection connection,
      WorkflowServiceStubs service,
      WorkflowClient client,
      Supplier<OperatorServiceStubs> operatorFactory,
      boolean ownsStubs) {
    this.connection = connection;
    this.service = service;
    this.client = client;
    this.operatorFactory = operatorFactory;
    this.ownsStubs = ownsStubs;
  }

  public TemporalConnection connection() {
    return connection;
  }

  public WorkflowServiceStubs service() {
    return service;
  }

  public WorkflowClient client() {
    return client;
  }

  public String namespace() {
    return client.getOptions().getNamespace();
  }

  public synchronized OperatorServiceStubs operatorService() {
    if (operator == null) operator = operatorFactory.get();
    return operator;
  }

  @Override
  public synchronized void close() {
    if (!ownsStubs) return;
    if (operator != null) operator.shutdown();
    service.shutdown();
  }
}
