package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionReference;
import dev.continuity.model.estate.Stamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege role of each shipped stamp: derived from the actions its runbooks use, and
 * printed in docs/security.md between the roles markers exactly as generated.
 */
class StampRoleTest {
  static final Path SECURITY = Path.of("..", "docs", "security.md");
  static final String BEGIN = "<!-- generated: stamp roles (do not edit; regenerate with the command in actions.md) -->\n";
  static final String END = "<!-- end of generated stamp roles -->\n";

  static String rolesSection(Estate estate) throws EstateException, IOException {
    StringBuilder md = new StringBuilder();
    for (Stamp stamp : estate.inventory().stamps()) {
      StampRole role = StampRole.of(estate, stamp.name());
      md.append("#### ").append(stamp.name()).append("\n\n```json\n")
          .append(role.toJson())
          .append("\n```\n\n");
      Map<String, List<String>> grants = StampRole.grants(estate, stamp.name());
      if (!grants.isEmpty()) {
        md.append("Outside Azure RBAC:\n\n");
        grants.forEach((grant, actions) -> md.append("- ").append(grant).append(" (")
            .append(String.join(", ", actions.stream().map(a -> "`" + a + "`").toList())).append(")\n"));
        md.append("\n");
      }
    }
    return md.toString();
  }

  @Test
  void securityMdShowsEachShippedStampsRoleAsGenerated() throws Exception {
    String generated = rolesSection(Estate.load(ShippedRunbooksTest.SHIPPED));
    String doc = Files.readString(SECURITY);
    int b = doc.indexOf(BEGIN);
    int e = doc.indexOf(END);
    assertTrue(b >= 0 && e > b, "docs/security.md lacks the generated roles markers");
    if (Boolean.getBoolean("continuity.writeDocs")) {
      doc = doc.substring(0, b + BEGIN.length()) + generated + doc.substring(e);
      Files.writeString(SECURITY, doc);
      e = doc.indexOf(END);
    }
    assertEquals(generated, doc.substring(b + BEGIN.length(), e),
        "docs/security.md's stamp roles drifted from the actions the runbooks use; regenerate with " + ActionReference.REGENERATE);
  }

  @Test
  void aStampsRoleHoldsThePermissionsOfTheActionsItsRunbooksUseAndNoOthers() throws Exception {
    Estate estate = Estate.load(ShippedRunbooksTest.SHIPPED);
    StampRole ai = StampRole.of(estate, "ai-platform");
    assertTrue(ai.actions().contains("Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action"));
    assertTrue(ai.actions().contains("Microsoft.Network/trafficManagerProfiles/azureEndpoints/write"));
    assertTrue(ai.actions().containsAll(ActionCatalog.find("redis.restoreGeoReplicationLink").permissions().actions()),
        "failback's relink is part of the stamp's role too");
    assertFalse(ai.actions().stream().anyMatch(a -> a.startsWith("Microsoft.DBforPostgreSQL/")),
        "ai-platform runs no PostgreSQL action: " + ai.actions());
    StampRole data = StampRole.of(estate, "data-pipelines");
    assertTrue(data.actions().contains("Microsoft.DBforPostgreSQL/flexibleServers/write"));
    assertFalse(data.actions().contains("Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action"));
    assertEquals(List.of(), ai.notActions());
    assertTrue(ai.isCustom());
  }

  @Test
  void theRoleIsAssignableOnlyToTheResourceGroupsTheStepsTarget() throws Exception {
    Estate estate = Estate.load(ShippedRunbooksTest.SHIPPED);
    for (Stamp stamp : estate.inventory().stamps()) {
      StampRole role = StampRole.of(estate, stamp.name());
      assertFalse(role.assignableScopes().isEmpty(), stamp.name());
      for (String scope : role.assignableScopes()) {
        assertTrue(scope.matches("/subscriptions/[^/]+/resourceGroups/[^/]+"), scope);
        assertTrue(stamp.resources().values().stream().anyMatch(r -> r.id() != null && r.id().toLowerCase().startsWith(scope.toLowerCase() + "/")),
            scope + " holds no resource of " + stamp.name());
      }
    }
  }

  @Test
  void resourceGroupScopeOfAnArmId() {
    assertEquals("/subscriptions/s/resourceGroups/g",
        StampRole.resourceGroup("/subscriptions/s/resourceGroups/g/providers/Microsoft.Cache/redis/r"));
    assertEquals(null, StampRole.resourceGroup(null));
    assertEquals(null, StampRole.resourceGroup("not-an-id"));
  }

  @Test
  void anUnknownStampIsRefusedNamingTheStamps() throws Exception {
    Estate estate = Estate.load(ShippedRunbooksTest.SHIPPED);
    EstateException e = assertThrows(EstateException.class, () -> StampRole.of(estate, "shop"));
    String stamps = String.join(", ", estate.inventory().stamps().stream().map(st -> st.name()).toList());
    assertTrue(e.getMessage().contains("unknown stamp 'shop' (stamps: " + stamps + ")"), e.getMessage());
  }
}
