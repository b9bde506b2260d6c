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

  @BeforeEach
  void start() {
    Map<String, Resource> res = new LinkedHashMap<>();
    res.put("kv", new Resource("kv", ResourceKinds.KEY_VAULT, VAULT, "eastus", Map.of("secrets", List.of("db"), "disabled", List.of("db"))));
    emulator = ArmEmulator.start(0, null, 0, new Inventory("demo", List.of("centralus"), Map.of(), List.of(new Stamp("web", "eastus",
        "westus", Targets.DEFAULT, List.of(), SeverityPolicy.DEFAULT, ApprovalPolicy.DEFAULT, Duration.ofMinutes(30), res))));
    arm = new Arm(emulator);
    control = new EmulatorClient(emulator.baseUrl());
  }

  @AfterEach
  void stop() {
    emulator.stop();
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
