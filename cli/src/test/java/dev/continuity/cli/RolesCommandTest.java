package dev.continuity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.cli.CliHarness.Run;
import dev.continuity.model.Json;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.StampRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code continuity roles}: the stamp's generated role on stdout as a role definition, extra grants on stderr. */
class RolesCommandTest {

  private static Run run(String... args) {
    return CliHarness.execute(new Continuity(Map.of("CONTINUITY_CONFIG", CliHarness.RUNBOOKS.toString()),
        c -> {
          throw new AssertionError("roles needs no Temporal");
        }, ConfigSource.FILES).withTty(false).commandLine(), args);
  }

  @Test
  void printsTheStampsRoleDefinitionAsJson() throws Exception {
    Run r = run("roles", "--stamp", "ai-platform");
    assertEquals(0, r.exit(), r.toString());
    JsonNode role = Json.MAPPER.readTree(r.out());
    assertTrue(role.get("IsCustom").asBoolean());
    List<String> actions = new ArrayList<>();
    role.get("Actions").forEach(a -> actions.add(a.asText()));
    assertEquals(StampRole.of(Estate.load(CliHarness.RUNBOOKS), "ai-platform").actions(), actions);
    assertTrue(actions.contains("Microsoft.Storage/storageAccounts/failover/action"), actions.toString());
    assertEquals("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai-platform",
        role.get("AssignableScopes").get(0).asText());
    assertFalse(r.out().contains("Databricks"), "grants outside Azure RBAC stay off the role definition");
  }

  @Test
  void grantsOutsideAzureRbacGoToStderr() {
    Run r = run("roles", "--stamp", "data-pipelines");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("Also needed outside Azure RBAC:"), r.err());
    assertTrue(r.err().contains("CAN MANAGE RUN on the jobs whose runs it cancels (databricks.cancelActiveRuns)"), r.err());
  }

  @Test
  void anUnknownStampIsAValidationError() {
    Run r = run("roles", "--stamp", "nope");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("unknown stamp 'nope' (stamps: ai-platform, web-api, data-pipelines, aks-airflow, genai)"), r.err());
  }
}
