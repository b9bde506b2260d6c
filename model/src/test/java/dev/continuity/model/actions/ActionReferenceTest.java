package dev.continuity.model.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/actions.md is exactly what {@link ActionReference} renders from the code, and every action
 * declares what the worker's identity needs for it. Regenerate the doc with
 * {@code -Dcontinuity.writeDocs=true} (see {@link ActionReference#REGENERATE}).
 */
class ActionReferenceTest {
  static final Path DOC = Path.of("..", "docs", "actions.md");
  /** An Azure RBAC operation: provider namespace, resource types, and a verb (wildcards are not least privilege). */
  static final Pattern RBAC = Pattern.compile("Microsoft\\.[A-Za-z]+(/[A-Za-z][A-Za-z0-9.]*)+/(read|write|delete|action)");
  /** Target kinds whose actions call no Azure Resource Manager API (health URLs; the Databricks workspace API). */
  static final Set<String> NO_ARM = Set.of("healthProbe", "databricksWorkspace");

  @Test
  void docsActionsMdIsGeneratedFromTheCode() throws IOException {
    String generated = ActionReference.markdown();
    if (Boolean.getBoolean("continuity.writeDocs")) Files.writeString(DOC, generated);
    assertEquals(generated, Files.readString(DOC), "docs/actions.md drifted from the @ActionDoc annotations; regenerate with "
        + ActionReference.REGENERATE);
  }

  @Test
  void everyActionDeclaresThePermissionsItNeeds() {
    List<String> undeclared = new ArrayList<>();
    for (ActionSpec a : ActionCatalog.all()) {
      ActionSpec.Permissions p = a.permissions();
      boolean rbac = !p.actions().isEmpty() || !p.dataActions().isEmpty();
      if (NO_ARM.contains(a.targetKind()) ? !p.declared() : !rbac) undeclared.add(a.name());
    }
    assertEquals(List.of(), undeclared, "actions without permissions in their @ActionDoc (permissions = {...} of Azure RBAC "
        + "operations, dataActions, or grants outside Azure RBAC): fill them so the per-stamp roles let the step run");
  }

  @Test
  void permissionsAreExactAzureOperationsWithoutWildcards() {
    for (ActionSpec a : ActionCatalog.all()) {
      List<String> all = new ArrayList<>(a.permissions().actions());
      all.addAll(a.permissions().dataActions());
      for (String op : all) {
        assertTrue(RBAC.matcher(op).matches(), a.name() + ": '" + op + "' is not an exact Azure RBAC operation");
      }
      assertEquals(all.size(), Set.copyOf(all).size(), a.name() + " lists a permission twice");
    }
  }

  /** A read or check asks for reads only (a runtime's status is a POST in ARM); an action that changes Azure asks for more. */
  @Test
  void readOnlyActionsAskForReadsAndChangingActionsForMore() {
    for (ActionSpec a : ActionCatalog.all()) {
      List<String> ops = a.permissions().actions();
      if (ops.isEmpty()) continue;
      String verb = a.name().substring(a.name().indexOf('.') + 1);
      boolean readOnly = verb.startsWith("read") || verb.startsWith("check");
      boolean onlyReads = ops.stream().allMatch(o -> o.endsWith("/read") || o.endsWith("/getstatus/action"));
      assertEquals(readOnly, onlyReads, a.name() + " asks for " + ops);
    }
  }

  @Test
  void theReferenceShowsEachActionsParametersAndPermissions() {
    String md = ActionReference.markdown();
    ActionSpec cosmos = ActionCatalog.find("cosmos.setWriteRegion");
    assertTrue(md.contains("## cosmos.setWriteRegion\n"));
    assertTrue(md.contains("| `region` | yes | "));
    assertTrue(md.contains("- `Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action`"));
    assertTrue(cosmos.longRunning() && md.contains("[`cosmos.setWriteRegion`](#cosmossetwriteregion) | cosmosDb | 3m | yes |"));
    assertFalse(md.contains("null"));
  }
}
