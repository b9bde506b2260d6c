package dev.continuity.activities;

import static dev.continuity.activities.ActivityHarness.SUB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.KeyVaultActions;
import dev.continuity.model.plan.ResourceRef;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyVaultActivitiesTest {
  static final String VAULT = "/subscriptions/" + SUB + "/resourceGroups/rg-web/providers/Microsoft.KeyVault/vaults/kv-web-west";
  static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  static final String API = "2023-07-01";

  CannedArm arm;
  ActivityHarness harness;
  KeyVaultActions actions;

  @BeforeEach
  void setUp() throws Exception {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new KeyVaultActivities(harness.clients, Clock.fixed(NOW, ZoneOffset.UTC)));
    actions = harness.stub(KeyVaultActions.class);
  }

  @AfterEach
  void tearDown() {
    harness.close();
    arm.close();
  }

  static String vault() {
    return "{\"id\":\"" + VAULT + "\",\"name\":\"kv-web-west\",\"type\":\"Microsoft.KeyVault/vaults\",\"location\":\"westus\","
        + "\"properties\":{\"tenantId\":\"11111111-1111-1111-1111-111111111111\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},"
        + "\"vaultUri\":\"https://kv-web-west.vault.azure.net/\",\"provisioningState\":\"Succeeded\"}}";
  }

  /** The shape of Azure's Secrets_Get answer on the management plane: attributes, never a value. */
  static String secret(String name, boolean enabled, Long expDays, String contentType) {
    return "{\"id\":\"" + VAULT + "/secrets/" + name + "\",\"name\":\"" + name + "\",\"type\":\"Microsoft.KeyVault/vaults/secrets\","
        + "\"location\":\"westus\",\"properties\":{"
        + (contentType == null ? "" : "\"contentType\":\"" + contentType + "\",")
        + "\"attributes\":{\"enabled\":" + enabled + ",\"created\":1700000000,\"updated\":1700000000"
        + (expDays == null ? "" : ",\"exp\":" + NOW.plus(Duration.ofDays(expDays)).getEpochSecond()) + "},"
        + "\"secretUri\":\"https://kv-web-west.vault.azure.net/secrets/" + name + "\"}}";
  }

  static ActionRequest check(Map<String, Object> params) {
    return ActivityHarness.request("keyVault.checkSecrets", "keyVault", VAULT, params);
  }

  @Test
  void readySecretsAndCertificatesPassAndOnlyAttributesAreRead() {
    arm.on("GET", VAULT, CannedArm.ok(vault()));
    arm.on("GET", VAULT + "/secrets/db-password", CannedArm.ok(secret("db-password", true, null, null)));
    arm.on("GET", VAULT + "/secrets/tls-web", CannedArm.ok(secret("tls-web", true, 200L, "application/x-pkcs12")));
    Map<String, Object> params = Map.of("secrets", List.of("db-password"), "certificates", List.of("tls-web"));

    ActionResult first = actions.checkSecrets(check(params));
    ActionResult second = actions.checkSecrets(check(params));

    assertFalse(first.changed());
    assertEquals(2, first.facts().get("checked"));
    assertEquals(30, first.facts().get("minValidDays"));
    assertEquals(first.message(), second.message());
    assertTrue(arm.mutations().isEmpty());
    // Management plane only, at its api-version; nothing that could return a value.
    for (CannedArm.Recorded r : arm.requests()) {
      assertEquals(API, r.apiVersion(), r.toString());
      assertTrue(r.path().startsWith(VAULT), r.toString());
    }
    assertEquals(6, arm.requests().size());
  }

  @Test
  void everyMissingDisabledExpiringOrExpiredItemIsNamed() {
    arm.on("GET", VAULT, CannedArm.ok(vault()));
    arm.on("GET", VAULT + "/secrets/db-password", CannedArm.ok(secret("db-password", false, 400L, null)));
    arm.on("GET", VAULT + "/secrets/api-key", CannedArm.ok(secret("api-key", true, 10L, null)));
    arm.on("GET", VAULT + "/secrets/old-token", CannedArm.ok(secret("old-token", true, -2L, null)));
    arm.on("GET", VAULT + "/secrets/storage-key", CannedArm.ok(secret("storage-key", true, 40L, null)));
    arm.on("GET", VAULT + "/secrets/tls-web", CannedArm.status(404, Map.of(), CannedArm.armError("SecretNotFound", "gone")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of(
        "secrets", List.of("db-password", "api-key", "old-token", "storage-key"), "certificates", "tls-web", "minValidDays", 30))));

    assertEquals(KeyVaultActivities.NOT_READY, f.getType());
    assertTrue(f.isNonRetryable());
    String m = f.getOriginalMessage();
    assertTrue(m.contains("secret db-password is disabled"), m);
    assertTrue(m.contains("secret api-key expires on"), m);
    assertTrue(m.contains("secret old-token expired on"), m);
    assertTrue(m.contains("certificate tls-web is missing"), m);
    assertFalse(m.contains("storage-key"), m);
  }

  @Test
  void aLongerThresholdCatchesASecretThatIsFineForThirtyDays() {
    arm.on("GET", VAULT, CannedArm.ok(vault()));
    arm.on("GET", VAULT + "/secrets/storage-key", CannedArm.ok(secret("storage-key", true, 40L, null)));

    assertFalse(actions.checkSecrets(check(Map.of("secrets", "storage-key"))).changed());
    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", "storage-key", "minValidDays", 90))));
    assertTrue(f.getOriginalMessage().contains("within 90 days"), f.getOriginalMessage());
  }

  @Test
  void withoutNamesInTheStepTheInventoryListsWhatTheStampNeeds() {
    arm.on("GET", VAULT, CannedArm.ok(vault()));
    arm.on("GET", VAULT + "/secrets/db-password", CannedArm.ok(secret("db-password", true, null, null)));
    arm.on("GET", VAULT + "/secrets/tls-web", CannedArm.ok(secret("tls-web", true, 5L, "application/x-pkcs12")));
    ResourceRef vault = new ResourceRef("kv", "keyVault", VAULT, "westus",
        Map.of("secrets", List.of("db-password"), "certificates", List.of("tls-web")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkSecrets(ActivityHarness.request("keyVault.checkSecrets", vault,
        Map.of(), "eastus", "westus", false)));

    assertTrue(f.getOriginalMessage().contains("certificate tls-web expires on"), f.getOriginalMessage());
    assertEquals(3, arm.requests().size());
  }

  @Test
  void nothingToCheckOrABadNameIsAClearParameterError() {
    ApplicationFailure none = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of())));
    assertEquals("InvalidParameter", none.getType());
    ApplicationFailure bad = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", List.of("a/b")))));
    assertTrue(bad.getOriginalMessage().contains("'a/b'"), bad.getOriginalMessage());
    assertTrue(arm.requests().isEmpty());
  }

  @Test
  void missingVaultIsNotReportedAsMissingSecrets() {
    arm.on("GET", VAULT, CannedArm.status(404, Map.of(), CannedArm.armError("ResourceNotFound", "no vault")));

    ApplicationFailure f = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", "db-password"))));

    assertEquals(ArmFailures.NOT_FOUND, f.getType());
  }

  @Test
  void errorClasses() {
    arm.on("GET", VAULT, CannedArm.ok(vault()));
    arm.on("GET", VAULT + "/secrets/db-password", CannedArm.status(403, Map.of(), CannedArm.armError("AuthorizationFailed", "no")));
    ApplicationFailure forbidden = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", "db-password"))));
    assertEquals(ArmFailures.AUTHORIZATION_FAILED, forbidden.getType());
    assertTrue(forbidden.isNonRetryable());

    arm.on("GET", VAULT, CannedArm.status(401, Map.of(), CannedArm.armError("InvalidAuthenticationToken", "expired")));
    ApplicationFailure unauthorized = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", "db-password"))));
    assertEquals(ArmFailures.AUTHORIZATION_FAILED, unauthorized.getType());
    assertTrue(unauthorized.isNonRetryable());

    arm.on("GET", VAULT, CannedArm.status(429, Map.of("Retry-After", "7"), CannedArm.armError("TooManyRequests", "slow")));
    ApplicationFailure throttled = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", "db-password"))));
    assertEquals(Duration.ofSeconds(7), throttled.getNextRetryDelay());

    arm.on("GET", VAULT, CannedArm.status(503, Map.of(), CannedArm.armError("ServiceUnavailable", "busy")));
    ApplicationFailure server = ActivityHarness.failure(() -> actions.checkSecrets(check(Map.of("secrets", "db-password"))));
    assertEquals(ArmFailures.SERVER_ERROR, server.getType());
    assertFalse(server.isNonRetryable());
  }
}
