package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import org.junit.jupiter.api.Test;

class PlanTextTest {

  @Test
  void rendersHeaderLevelsGatesAndCriticalPath() throws EstateException {
    Plan plan = PlanCompiler.compile(Estate.load(ValidationProblemsTest.CONFIG.resolve("valid")), "shop", Mode.FAILOVER);
    String text = PlanText.render(plan);
    assertTrue(text.startsWith("Plan: failover of stamp shop (eastus2 -> westus2)\n"), text);
    assertTrue(text.contains("Targets: RTO 5m, RPO 1m\n"), text);
    // The RTO estimate ends at the traffic step; the storage failover after it only lengthens the operation.
    assertTrue(text.contains("Estimated RTO: 2m 10s to traffic served from the target region, within the target of 5m\n"), text);
    assertTrue(text.contains("Estimate: 15m 15s for the whole operation on the critical path\n"), text);
    assertTrue(text.contains("Level 0\n  verify  probe.regionDown on health (healthProbe)\n      with: region=eastus2\n"), text);
    assertTrue(text.contains("Level 1\n  gate  (approval only)\n"), text);
    assertTrue(text.contains("approval: policy by group:leads, 20m, escalate (escalates to carol@x.example, dan@x.example)"), text);
    assertTrue(text.contains("approval: dataLoss by carol@x.example, 5m, proceed\n"), text);
    assertTrue(text.contains("      after: traffic, storage\n"), text);
    assertTrue(text.contains("Critical path (15m 15s):\n  15m     storage  storage.failover\n  15s     check  probe.httpHealth\n"), text);
  }

  @Test
  void drillHeaderShowsTheRoundTrip() throws EstateException {
    Plan plan = PlanCompiler.compile(Estate.load(ValidationProblemsTest.CONFIG.resolve("valid")), "shop", Mode.DRILL);
    String text = PlanText.render(plan);
    assertTrue(text.startsWith("Plan: drill of stamp shop (eastus2 -> westus2 -> eastus2)\n"), text);
    assertTrue(text.contains("to traffic served from the target region (failover phase)"), text);
    assertTrue(text.contains("for the whole drill on the critical path"), text);
    assertTrue(text.contains("  validate/signoff  (approval only)\n      after: validate/look, validate/read\n"
        + "      approval: always by group:leads, 20m, escalate"), text);
  }
}
