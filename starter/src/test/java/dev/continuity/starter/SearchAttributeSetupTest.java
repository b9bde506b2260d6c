package dev.continuity.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchAttributeSetupTest {

  @Test
  void registersTheFourAttributesOnceAndLeavesExistingOnesAlone() {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      SearchAttributeSetup.Result first = SearchAttributeSetup.ensure(env.getOperatorServiceStubs(), "default");
      assertEquals(List.of("DrStamp", "DrOperation", "DrPhase", "DrAwaitingApproval"), first.added());
      assertTrue(first.complete());

      SearchAttributeSetup.Result second = SearchAttributeSetup.ensure(env.getOperatorServiceStubs(), "default");
      assertEquals(List.of(), second.added());
      assertEquals(first.added(), second.existing());
      assertTrue(second.complete(), String.valueOf(second.failure()));
    }
  }

  @Test
  void describesWhatAnOperatorMustRegisterByHand() {
    assertEquals("DrStamp (Keyword), DrAwaitingApproval (Bool)",
        SearchAttributeSetup.describe(List.of("DrStamp", "DrAwaitingApproval")));
  }
}
