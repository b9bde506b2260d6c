package dev.continuity.activities.report;

import dev.continuity.model.actions.Facts;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.plan.ResourceRef;
import dev.continuity.model.timeline.EventKind;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.model.timeline.Timeline;
import dev.continuity.model.timeline.TimelineEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A failover of ai-platform: approval (60 s wait), Cosmos DB (2 attempts, 42 s lag), traffic, health check. */
final class ReportFixtures {
  static final long T0 = 1_700_000_000_000L; // 2023-11-14T22:13:20Z
  /** Looks like a storage connection string; must never reach a prompt or a report. */
  static final String SECRET = "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0LXNob3VsZC1uZXZlci1sZWFr";

  private ReportFixtures() {}

  static Plan plan() {
    ResourceRef cosmos = new ResourceRef("cosmos-ai", "cosmosdb", "/subscriptions/x/cosmos-ai", "eastus2",
        Map.of("connectionString", SECRET));
    PlanStep step = new PlanStep("cosmos", "failover", "move the write region", "cosmos.setWriteRegion", cosmos,
        Map.of("region", "westus2", "accountKey", SECRET), List.of("approve"), null, Duration.ofMinutes(5), null,
        Duration.ofSeconds(120));
    return new Plan("ai-platform", Mode.FAILOVER, "ai-platform", "eastus2", "westus2", new Targets(5, 1),
        SeverityPolicy.DEFAULT, List.of("alice@contoso.com"), List.of(step), List.of(), List.of("approve", "cosmos"),
        Duration.ofSeconds(180), "runbooks/ai-platform.yaml");
  }

  static Timeline timeline(Outcome outcome) {
    Timeline t = new Timeline();
    t.operationId = "ai-platform-failover-20261121-120000-1";
    t.stamp = "ai-platform";
    t.mode = Mode.FAILOVER;
    t.fromRegion = "eastus2";
    t.toRegion = "westus2";
    t.severity = "Sev1";
    t.reason = "eastus2 health probes failing";
    t.requestedBy = "alert:azure-monitor";
    t.triggeredAtMillis = T0;
    t.startedAtMillis = T0 + 2_000;
    t.endedAtMillis = T0 + 300_000;
    t.outcome = outcome;
    StepRecord approve = new StepRecord("approve", "failover", null, null);
    approve.state = StepState.SUCCEEDED;
    approve.endedAtMillis = T0 + 62_000;
    approve.decision = "approved by alice@contoso.com";
    StepRecord cosmos = new StepRecord("cosmos", "failover", "cosmos.setWriteRegion", "cosmos-ai");
    cosmos.state = outcome == Outcome.SUCCEEDED ? StepState.SUCCEEDED : StepState.FAILED;
    cosmos.attempts = 2;
    cosmos.startedAtMillis = T0 + 62_000;
    cosmos.endedAtMillis = T0 + 242_000;
    cosmos.facts.put(Facts.EXPECTED_DATA_LOSS_SECONDS, 42);
    cosmos.facts.put(Facts.LAST_SYNC_TIME, "2023-11-14T22:12:38Z");
    cosmos.facts.put("primaryKey", SECRET);
    cosmos.message = "set write region to westus2";
    cosmos.error = outcome == Outcome.SUCCEEDED ? null : "ServiceUnavailable | region down";
    StepRecord traffic = new StepRecord("traffic", "failover", "trafficManager.setEndpointPriority", "tm-ai");
    traffic.state = outcome == Outcome.SUCCEEDED ? StepState.SUCCEEDED : StepState.NOT_RUN;
    traffic.attempts = outcome == Outcome.SUCCEEDED ? 1 : 0;
    traffic.startedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 242_000 : 0;
    traffic.endedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 250_000 : 0;
    StepRecord verify = new StepRecord("verify", "failover", "probe.httpHealth", "health");
    verify.state = outcome == Outcome.SUCCEEDED ? StepState.SUCCEEDED : StepState.NOT_RUN;
    verify.attempts = outcome == Outcome.SUCCEEDED ? 1 : 0;
    verify.startedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 250_000 : 0;
    verify.endedAtMillis = outcome == Outcome.SUCCEEDED ? T0 + 300_000 : 0;
    t.steps.addAll(List.of(approve, cosmos, traffic, verify));
    t.events.add(new TimelineEvent(T0 + 2_000, EventKind.APPROVAL_REQUESTED, "approve", null, "Sev1 needs approval"));
    t.events.add(new TimelineEvent(T0 + 62_000, EventKind.APPROVED, "approve", "alice@contoso.com", "go, region is gone"));
    return t;
  }

  /** A report a careful model would write from the facts of the succeeded fixture. */
  static String goodAnswer() {
    return """
        ## Executive Summary
        The failover of stamp ai-platform from eastus2 to westus2 succeeded with a measured RTO of 250 s against a target of 5 min. The data-loss window was 42 s against an RPO target of 1 min.

        ## Timeline of Events
        - 22:13:20 UTC: failover triggered by alert:azure-monitor (eastus2 health probes failing).
        - 22:14:22 UTC: alice@contoso.com approved ("go, region is gone") after 60 s.
        - 22:17:22 UTC: the Cosmos DB write region moved to westus2 after 2 attempts.
        - 22:17:30 UTC: traffic moved to westus2.

        ## Current Service Status
        All 4 steps succeeded; the stamp serves from westus2.

        ## Data Integrity Assessment
        Cosmos DB last synced at 22:12:38 UTC with an expected data loss of 42 s, within the RPO target of 1 min.

        ## Impact Analysis
        Users were without service until traffic reached westus2; the operation took 298 s in all.

        ## Recommended Next Steps
        - Plan the failback once eastus2 is healthy.

        ## Estimated Recovery Timeline
        The planned critical path was 180 s; the measured RTO was 250 s (target 5 min).
        """;
  }
}
