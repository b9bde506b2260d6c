package dev.continuity.workflows;

import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.operation.OperationRequest;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.plan.ResourceRef;
import dev.continuity.model.plan.RetrySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Plans built directly from the model records, the way the compiler would freeze them. */
final class TestPlans {
  static final String STAMP = "ai-platform";
  static final String PRIMARY = "eastus2";
  static final String SECONDARY = "westus2";
  static final String ALICE = "alice@contoso.com";
  static final String BOB = "bob@contoso.com";
  static final String CAROL = "carol@contoso.com";
  /** Known to the inventory, but on no gate's list. */
  static final String DAVE = "dave@contoso.com";
  static final List<String> KNOWN = List.of(ALICE, "user:" + BOB, CAROL, DAVE);
  /** Two attempts, 100 ms apart: quick enough for tests that poll in real time. */
  static final RetrySpec QUICK_RETRY = new RetrySpec(2, Duration.ofMillis(100), 1.0, Duration.ofMillis(100));

  private TestPlans() {}

  static PlanStep step(String id, String action, String... dependsOn) {
    return new PlanStep(id, "failover", "test step " + id, action,
        new ResourceRef("res-" + id, "trafficManager", "/subscriptions/0/resourceGroups/rg/providers/x/" + id, null, Map.of()),
        Map.of("region", SECONDARY), List.of(dependsOn), QUICK_RETRY, Duration.ofSeconds(30), null, Duration.ofSeconds(10));
  }

  static PlanStep phased(String phase, String id, String action, String... dependsOn) {
    PlanStep s = step(id, action, dependsOn);
    return new PlanStep(s.id(), phase, s.description(), s.action(), s.target(), s.params(), s.dependsOn(), s.retry(), s.timeout(), null, s.expected());
  }

  /** A step with a gate in front of its action (action null: a gate-only step). */
  static PlanStep gated(String id, String action, ApprovalGate gate, String... dependsOn) {
    PlanStep s = step(id, action, dependsOn);
    return new PlanStep(s.id(), s.phase(), s.description(), action, action == null ? null : s.target(), s.params(), s.dependsOn(), s.retry(),
        s.timeout(), gate, s.expected());
  }

  static ApprovalGate gate(GateCondition when, Duration timeout, TimeoutOutcome onTimeout) {
    return new ApprovalGate(when, List.of("group:dr-leads"), List.of(ALICE, BOB), timeout, onTimeout, List.of(CAROL));
  }

  static Plan plan(Mode mode, PlanStep... steps) {
    String from = mode == Mode.FAILBACK ? SECONDARY : PRIMARY;
    String to = mode == Mode.FAILBACK ? PRIMARY : SECONDARY;
    return new Plan(STAMP, mode, STAMP + "-" + mode.text(), from, to, new Targets(5, 1), SeverityPolicy.DEFAULT, KNOWN,
        List.of(steps), List.of(), List.of(), Duration.ofMinutes(1), "test");
  }

  static OperationRequest request(Plan plan, Severity severity) {
    return new OperationRequest(plan, severity, false, "region outage", "alert:test", "alert-1", 0L);
  }

  static OperationRequest request(Plan plan, Severity severity, String triggerId) {
    return new OperationRequest(plan, severity, false, "region outage", "alert:" + triggerId, triggerId, 0L);
  }
}
