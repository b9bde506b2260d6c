package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.KeyVaultActions;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The secondary vault's readiness read from the emulator, which holds names and attributes and no values. */
class EmulatorKeyVaultTest extends EmulatedActionsTest {
  static final String VAULT = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/Microsoft.KeyVault/vaults/kv-web-west";

  KeyVaultActions kv;

  @BeforeEach
  void stubs() {
    kv = stub(KeyVaultActions.class);
  }

  @Override
  Inventory inventory() {
    Resource vault = new Resource("kv", ResourceKinds.KEY_VAULT, VAULT, "westus", Map.of(
        "secrets", List.of("db-password", "api-key", "storage-key"), "certificates", List.of("tls-web"),
        "disabled", List.of("api-key"), "expiresInDays", Map.of("tls-web", 10, "storage-key", 60)));
    return new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("web", "eastus", "westus", Targets.DEFAULT,
        List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), Map.of("kv", vault))));
  }

  static ActionRequest check(Map<String, Object> params) {
    return new ActionRequest("op-1", "check-vault", "keyVault.checkSecrets",
        new ResourceRef("kv", ResourceKinds.KEY_VAULT, VAULT, "westus", Map.of()), params, "web", "eastus", "westus", true);
  }

  @Test
  void readyItemsPassAndEveryUnreadyOneIsNamed() {
    ActionResult ok = kv.checkSecrets(check(Map.of("secrets", List.of("db-password", "storage-key"))));
    assertFalse(ok.changed());
    assertEquals(2, ok.facts().get("checked"));

    ActivityFailure f = Assertions.assertThrows(ActivityFailure.class, () -> kv.checkSecrets(check(Map.of(
        "secrets", List.of("db-password", "api-key", "storage-key", "no-such-secret"), "certificates", List.of("tls-web"),
        "minValidDays", 90))));
    ApplicationFailure cause = (ApplicationFailure) f.getCause();
    String m = cause.getOriginalMessage();
    assertEquals(KeyVaultActivities.NOT_READY, cause.getType());
    assertTrue(m.contains("secret api-key is disabled"), m);
    assertTrue(m.contains("secret storage-key expires on"), m);
    assertTrue(m.contains("secret no-such-secret is missing"), m);
    assertTrue(m.contains("certificate tls-web expires on"), m);
    assertFalse(m.contains("db-password"), m);
  }

  @Test
  void theEmulatedVaultHoldsNoValuesAndFailsWithItsRegion() {
    int secrets = 0;
    for (var doc : control.state().path("resources")) {
      if (!doc.path("type").asText().equals("Microsoft.KeyVault/vaults/secrets")) continue;
      secrets++;
      assertFalse(doc.path("properties").has("value"), doc.toString());
    }
    assertEquals(4, secrets);

    control.outage("westus");
    ActivityFailure f = Assertions.assertThrows(ActivityFailure.class, () -> kv.checkSecrets(check(Map.of("secrets", "db-password"))));
    assertFalse(((ApplicationFailure) f.getCause()).isNonRetryable());
  }
}
