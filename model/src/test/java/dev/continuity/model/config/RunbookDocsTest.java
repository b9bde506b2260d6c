package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.estate.ResourceKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/runbooks.md lists every resource kind the code knows and sends readers to the generated action
 * reference, docs/actions.md (which ActionReferenceTest keeps equal to the code).
 */
class RunbookDocsTest {
  @Test
  void referenceCoversTheCatalogAndTheKinds() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "runbooks.md"));
    assertTrue(doc.contains("(actions.md)"), "docs/runbooks.md must link the action reference");
    String actions = Files.readString(Path.of("..", "docs", "actions.md"));
    for (ActionSpec a : ActionCatalog.all()) {
      assertTrue(actions.contains("## " + a.name() + "\n"), "docs/actions.md lacks " + a.name());
    }
    for (String kind : ResourceKinds.ALL) {
      assertTrue(doc.contains("| `" + kind + "` |"), "docs/runbooks.md lacks resource kind " + kind);
    }
  }
}
