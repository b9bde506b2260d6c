package dev.continuity.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.StampState;
import dev.continuity.model.plan.Mode;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.Workflows;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The starter against the real stamp entity on a test server, with the shipped runbooks. No
 * activities are registered: the operations stay at their first step, which is all these need.
 */
class OperationStarterTest {
  private TestWorkflowEnvironment env;
  private OperationStarter starter;
  private Estate estate;

  @BeforeEach
  void start() throws EstateException {
    env = TestWorkflowEnvironment.newInstance();
    for (var a : SearchAttributeSetup.ATTRIBUTES.entrySet()) env.registerSearchAttribute(a.getKey(), a.getValue());
    Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
    env.start();
    starter = new OperationStarter(env.getWorkflowClient());
    estate = Estate.load(Path.of("..", "runbooks"));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private OperationOrder order(Mode mode, String trigger) {
    return new OperationOrder("ai-platform", mode, Severity.Sev2, false, "test", "alert:" + trigger, trigger, 0L);
  }

  @Test
  void firstRequestStartsTheEntityARepeatJoinsAndAConflictIsRefusedWithTheReason() throws EstateException {
    StartOutcome first = starter.start(estate, order(Mode.FAILOVER, "a1"));
    OperationTicket ticket = assertInstanceOf(StartOutcome.Accepted.class, first).ticket();
    assertFalse(ticket.joined());
    assertTrue(ticket.operationId().startsWith("ai-platform-failover-"), ticket.operationId());

    OperationTicket again = assertInstanceOf(StartOutcome.Accepted.class, starter.start(estate, order(Mode.FAILOVER, "a2"))).ticket();
    assertTrue(again.joined());
    assertEquals(ticket.operationId(), again.operationId());

    StartOutcome.Refused refused = assertInstanceOf(StartOutcome.Refused.class, starter.start(estate, order(Mode.FAILBACK, "a3")));
    assertEquals("ai-platform", refused.stamp());
    assertTrue(refused.reason().contains(ticket.operationId()), refused.reason());

    StampState state = new OperationControl(env.getWorkflowClient()).stampState("ai-platform").orElseThrow();
    assertEquals(ticket.operationId(), state.currentOperation());
    assertEquals("eastus2", state.activeRegion());
  }

  @Test
  void anUnknownStampIsAConfigurationError() {
    EstateException e = assertThrows(EstateException.class, () -> starter.start(estate,
        new OperationOrder("nope", Mode.FAILOVER, Severity.Sev0, false, null, "me", "t", 0L)));
    assertTrue(e.getMessage().contains("unknown stamp 'nope'"), e.getMessage());
  }

  @Test
  void aStampWithoutEntityHasNoState() {
    assertTrue(new OperationControl(env.getWorkflowClient()).stampState("web-api").isEmpty());
  }
}
