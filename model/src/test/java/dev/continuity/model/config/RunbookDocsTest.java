package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.estate.ResourceKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/runbooks.md lists every action (with its target kind) and every resource kind the code knows. */
class RunbookDocsTest {
  @Test
  void referenceCoversTheCatalogAndTheKinds() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "runbooks.md"));
    for (ActionSpec a : ActionCatalog.all()) {
      assertTrue(doc.contains("| `" + a.name() + "` | " + a.targetKind() + " |"), "docs/runbooks.md lacks a row for " + a.name());
    }
    for (String kind : ResourceKinds.ALL) {
      assertTrue(doc.contains("| `" + kind + "` |"), "docs/runbooks.md lacks resource kind " + kind);
    }
  }
}
