package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.plan.RetrySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling the test estate (config/valid) in each mode. */
class PlanCompilerTest {
  static Estate estate;

  @BeforeAll
  static void load() throws EstateException {
    estate = Estate.load(ValidationProblemsTest.CONFIG.resolve("valid"));
  }

  static List<String> ids(Plan plan) {
    return plan.steps().stream().map(PlanStep::id).toList();
  }

  @Test
  void failoverRunsFailoverStepsFromPrimaryToSecondary() throws EstateException {
    Plan plan = PlanCompiler.compile(estate, "shop", Mode.FAILOVER);
    assertEquals("eastus2", plan.fromRegion());
    assertEquals("westus2", plan.toRegion());
    assertEquals("shop", plan.runbook());
    assertTrue(plan.source().endsWith("shop.yaml"), plan.source());
    // Dependencies first; among steps ready together, file order.
    assertEquals(List.of("verify", "gate", "data", "storage", "traffic", "check"), ids(plan));
    assertEquals(Map.of("region", "eastus2"), plan.step("verify").params());
    assertEquals(Map.of("region", "westus2"), plan.step("data").params());
    assertEquals(Map.of("endpoint", "westus2", "priority", 1), plan.step("traffic").params());
    assertEquals(Map.of("region", "westus2", "expectBody", "eastus2/westus2"), plan.step("check").params());
    assertEquals("writes move to westus2 (stamp shop)", plan.step("data").description());
    plan.steps().forEach(s -> assertEquals("failover", s.phase()));
  }

  @Test
  void failbackRunsFailbackStepsFromSecondaryToPrimary() throws EstateException {
    Plan plan = PlanCompiler.compile(estate, "shop", Mode.FAILBACK);
    assertEquals("westus2", plan.fromRegion());
    assertEquals("eastus2", plan.toRegion());
    assertEquals(List.of("data", "storage", "traffic", "check"), ids(plan));
    assertEquals(Map.of("region", "eastus2"), plan.step("data").params());
    assertEquals(Map.of("endpoint", "eastus2", "priority", 1), plan.step("traffic").params());
    assertEquals("eastus2/westus2", plan.step("check").params().get("expectBody"), "${primary}/${secondary} never move");
    assertEquals(List.of(List.of("data", "storage"), List.of("traffic"), List.of("check")), plan.levels());
  }

  @Test
  void drillChainsFailoverValidateAndFailbackPhases() throws EstateException {
    Plan plan = PlanCompiler.compile(estate, "shop", Mode.DRILL);
    assertEquals(List.of(
        "failover/verify", "failover/gate", "failover/data", "failover/storage", "failover/traffic", "failover/check",
        "validate/look", "validate/read", "validate/signoff",
        "failback/data", "failback/storage", "failback/traffic", "failback/check"), ids(plan));
    // Roots of a phase wait for every last step (sink) of the phase before it.
    assertEquals(List.of("failover/gate", "failover/check"), plan.step("validate/look").dependsOn());
    assertEquals(List.of("failover/gate", "failover/check"), plan.step("validate/read").dependsOn());
    assertEquals(List.of("validate/look", "validate/read"), plan.step("validate/signoff").dependsOn());
    assertEquals(List.of("validate/signoff"), plan.step("failback/data").dependsOn());
    assertEquals(List.of("validate/signoff"), plan.step("failback/storage").dependsOn());
    assertEquals(List.of("failback/data"), plan.step("failback/traffic").dependsOn());
    // Placeholders follow each phase's direction.
    assertEquals("westus2", plan.step("failover/data").params().get("region"));
    assertEquals(Map.of("region", "westus2", "expectBody", "westus2"), plan.step("validate/look").params());
    assertEquals("eastus2", plan.step("failback/data").params().get("region"));
    assertEquals("eastus2", plan.step("failback/traffic").params().get("endpoint"));
    assertEquals("failover", plan.step("failover/data").phase());
    assertEquals("validate", plan.step("validate/read").phase());
    assertEquals("failback", plan.step("failback/check").phase());
    assertEquals("eastus2", plan.fromRegion());
    assertEquals("westus2", plan.toRegion());
    assertEquals("shop, shop-drill", plan.runbook());
    assertEquals(List.of(
        List.of("failover/verify", "failover/data", "failover/storage"),
        List.of("failover/gate", "failover/traffic"),
        List.of("failover/check"),
        List.of("validate/look", "validate/read"),
        List.of("validate/signoff"),
        List.of("failback/data", "failback/storage"),
        List.of("failback/traffic"),
        List.of("failback/check")), plan.levels());
  }

  @Test
  void criticalPathIsTheLongestChainByExpectedDuration() throws EstateException {
    Plan failover = PlanCompiler.compile(estate, "shop", Mode.FAILOVER);
    // storage.failover is expected at 15m; cosmos (2m, overridden in the runbook) -> traffic (10s) is shorter.
    assertEquals(List.of("storage", "check"), failover.criticalPath());
    assertEquals(Duration.ofMinutes(15).plusSeconds(15), failover.estimated());
    assertEquals(Duration.ofMinutes(2), failover.step("data").expected());

    Plan drill = PlanCompiler.compile(estate, "shop", Mode.DRILL);
    assertEquals(List.of("failover/storage", "failover/check", "validate/look", "validate/signoff", "failback/storage", "failback/check"),
        drill.criticalPath());
    assertEquals(Duration.ofMinutes(30).plusSeconds(45), drill.estimated());
    assertEquals(Duration.ZERO, drill.step("validate/signoff").expected(), "a gate-only step takes no time of its own");
  }

  @Test
  void gatesResolveGroupsToIdentitiesAndTakeStampDefaults() throws EstateException {
    Plan plan = PlanCompiler.compile(estate, "shop", Mode.FAILOVER);
    ApprovalGate policy = plan.step("gate").approval();
    assertEquals(GateCondition.POLICY, policy.when());
    assertEquals(List.of("group:leads"), policy.approvers());
    assertEquals(List.of("alice@x.example", "bob@x.example"), policy.allowed());
    assertEquals(Duration.ofMinutes(20), policy.timeout());
    assertEquals(TimeoutOutcome.ESCALATE, policy.onTimeout());
    assertEquals(List.of("carol@x.example", "dan@x.example"), policy.escalation());
    assertNull(plan.step("gate").action());

    ApprovalGate dataLoss = plan.step("traffic").approval();
    assertEquals(GateCondition.DATA_LOSS, dataLoss.when());
    assertEquals(List.of("carol@x.example"), dataLoss.allowed());
    assertEquals(Duration.ofMinutes(5), dataLoss.timeout());
    assertEquals(TimeoutOutcome.PROCEED, dataLoss.onTimeout());
    assertEquals(List.of(), dataLoss.escalation());

    ApprovalGate signoff = PlanCompiler.compile(estate, "shop", Mode.DRILL).step("validate/signoff").approval();
    assertEquals(GateCondition.ALWAYS, signoff.when(), "approval: {} waits always");
    assertEquals(List.of("alice@x.example", "bob@x.example"), signoff.allowed());

    assertEquals(List.of("alice@x.example", "bob@x.example", "carol@x.example", "dan@x.example"), plan.knownApprovers());
  }

  @Test
  void retryAndTimeoutDefaultsDependOnTheAction() throws EstateException {
    Plan plan = PlanCompiler.compile(estate, "shop", Mode.FAILOVER);
    assertEquals(RetrySpec.DEFAULT, plan.step("verify").retry());
    assertEquals(new RetrySpec(3, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30)), plan.step("data").retry(),
        "unset retry fields come from the default");
    assertEquals(Duration.ofMinutes(10), plan.step("verify").timeout());
    assertEquals(Duration.ofMinutes(30), plan.step("storage").timeout(), "long-running actions get 30m");
    assertEquals(Duration.ofMinutes(2), plan.step("traffic").timeout());
    assertEquals("cosmosDb", plan.step("data").target().kind());
    assertTrue(plan.step("data").target().id().endsWith("/databaseAccounts/db-shop"));
    assertEquals(Map.of("eastus2", "http://e.example/health", "westus2", "http://w.example/health"),
        plan.step("verify").target().properties().get("endpoints"));
  }

  @Test
  void compilingTwiceGivesTheSamePlan() throws EstateException {
    assertEquals(PlanCompiler.compile(estate, "shop", Mode.DRILL),
        PlanCompiler.compile(Estate.load(ValidationProblemsTest.CONFIG.resolve("valid")), "shop", Mode.DRILL));
  }

  @Test
  void unknownStampListsTheStamps() {
    EstateException e = assertThrows(EstateException.class, () -> PlanCompiler.compile(estate, "shp", Mode.FAILOVER));
    assertTrue(e.getMessage().contains("unknown stamp 'shp'; did you mean 'shop'? (stamps: shop)"), e.getMessage());
  }

  @Test
  void aModeWithoutStepsListsTheModesAvailable(@TempDir Path tmp) throws Exception {
    Files.copy(ValidationProblemsTest.CONFIG.resolve("valid/inventory.yaml"), tmp.resolve("inventory.yaml"));
    Files.writeString(tmp.resolve("rb.yaml"), "runbook: rb\nstamp: shop\nsteps:\n  - { id: read, action: cosmos.readReplication, target: db }\n");
    Estate only = Estate.load(tmp);
    EstateException back = assertThrows(EstateException.class, () -> PlanCompiler.compile(only, "shop", Mode.FAILBACK));
    assertTrue(back.getMessage().contains("stamp shop has no runbook steps for failback; modes available for shop: failover"), back.getMessage());
    EstateException drill = assertThrows(EstateException.class, () -> PlanCompiler.compile(only, "shop", Mode.DRILL));
    assertTrue(drill.getMessage().contains("a drill runs the failover steps, the drill steps if any, then the failback steps"), drill.getMessage());
  }

  @Test
  void aDrillWithoutValidationStepsGoesStraightToFailback(@TempDir Path tmp) throws Exception {
    Files.copy(ValidationProblemsTest.CONFIG.resolve("valid/inventory.yaml"), tmp.resolve("inventory.yaml"));
    Files.copy(ValidationProblemsTest.CONFIG.resolve("valid/shop.yaml"), tmp.resolve("shop.yaml"));
    Plan plan = PlanCompiler.compile(Estate.load(tmp), "shop", Mode.DRILL);
    assertEquals(List.of("failover/gate", "failover/check"), plan.step("failback/data").dependsOn());
  }

  @Test
  void placeholdersAreSubstitutedDeepInsideParameters(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("inventory.yaml"), Files.readString(ValidationProblemsTest.CONFIG.resolve("valid/inventory.yaml"))
        + "      app: { kind: appService, region: westus2, id: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/Microsoft.Web/sites/app-shop }\n");
    Files.writeString(tmp.resolve("rb.yaml"), String.join("\n",
        "runbook: rb",
        "stamp: shop",
        "modes: [failover, failback]",
        "steps:",
        "  - id: settings",
        "    action: appService.setAppSettings",
        "    target: app",
        "    with: { settings: { ACTIVE_REGION: \"${to}\", REGIONS: [\"${from}\", \"${to}\"], STAMP: \"${stamp}-${primary}\", KEEP: 3 } }",
        ""));
    Estate e = Estate.load(tmp);
    assertEquals(Map.of("settings", Map.of("ACTIVE_REGION", "westus2", "REGIONS", List.of("eastus2", "westus2"), "STAMP", "shop-eastus2", "KEEP", 3)),
        PlanCompiler.compile(e, "shop", Mode.FAILOVER).step("settings").params());
    assertEquals(Map.of("settings", Map.of("ACTIVE_REGION", "eastus2", "REGIONS", List.of("westus2", "eastus2"), "STAMP", "shop-eastus2", "KEEP", 3)),
        PlanCompiler.compile(e, "shop", Mode.FAILBACK).step("settings").params());
  }

  @Test
  void thePlanIsFrozen() throws EstateException {
    Plan plan = PlanCompiler.compile(estate, "shop", Mode.FAILOVER);
    assertThrows(UnsupportedOperationException.class, () -> plan.steps().clear());
    assertThrows(UnsupportedOperationException.class, () -> plan.step("data").params().put("region", "eastus2"));
    assertThrows(UnsupportedOperationException.class, () -> plan.levels().get(0).clear());
    assertThrows(UnsupportedOperationException.class, () -> plan.step("gate").approval().allowed().add("mallory@x.example"));
  }
}
