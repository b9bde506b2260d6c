package dev.continuity.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.SeverityPolicy;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.Targets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key vaults as the emulator serves them on the management plane: names and attributes, never values. */
class KeyVaultServiceTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web/providers/";
  static final String VAULT = RG + "Microsoft.KeyVault/vaults/kv-web-eastus";

  ArmEmulator emulator;
  Arm arm;
  EmulatorClient control;

  static Inventory inventory() {
    Map<String, Resource> res = new LinkedHashMap<>();
    res.put("kv", new Resource("kv", ResourceKinds.KEY_VAULT, VAULT, "eastus", Map.of("secrets", List.of("db"), "disabled", List.of("db"))));
    return new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("web", "eastus",
        "westus", Targets.DEFAULT, List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), res)));
  }

  @BeforeEach
  void start() {
    emulator = ArmEmulator.start(0, null, 0, inventory());
    arm = new Arm(emulator);
    control = new EmulatorClient(emulator.baseUrl());
  }

  @AfterEach
  void stop() {
    emulator.stop();
  }

  @Test
  void equalInventoriesSeedEqualVaultsWhateverTheTime() throws Exception {
    Thread.sleep(1_100);
    try (ArmEmulator later = ArmEmulator.start(0, null, 0, inventory())) {
      assertEquals(control.state().path("resources"), new EmulatorClient(later.baseUrl()).state().path("resources"),
          "a crashed and an uncrashed run compare estates seeded at different times");
    }
  }

  @Test
  void aVaultServesNamesAndAttributesAndNoValues() {
    JsonNode secret = arm.get(VAULT + "/secrets/db").json();
    assertFalse(secret.path("properties").path("attributes").path("enabled").asBoolean(true));
    assertTrue(secret.path("properties").path("attributes").path("exp").isNumber());
    assertFalse(secret.path("properties").has("value"));
    assertEquals(1, arm.get(VAULT + "/secrets").json().path("value").size());
    assertEquals(404, arm.get(VAULT + "/secrets/none").status());
    control.outage("eastus");
    assertEquals(503, arm.get(VAULT + "/secrets/db").status());
  }
}
