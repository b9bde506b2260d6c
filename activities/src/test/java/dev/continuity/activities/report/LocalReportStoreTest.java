package dev.continuity.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReportStoreTest {
  @Test
  void storesWholeFilesPerOperationAndReadsThemBackBySibling(@TempDir Path dir) throws Exception {
    ReportStore store = ReportStore.of(null, dir, k -> null);
    String md = store.put("ai-platform/failover 1", "report.md", "first".getBytes(StandardCharsets.UTF_8), "text/markdown");
    store.put("ai-platform/failover 1", "report.md", "second".getBytes(StandardCharsets.UTF_8), "text/markdown");
    store.put("ai-platform/failover 1", "facts.json", "{}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertEquals(dir.resolve("ai-platform_failover_1").resolve("report.md").toAbsolutePath().toString(), md);
    assertEquals("second", new String(ReportStore.read(md, k -> null), StandardCharsets.UTF_8), "a retried attempt replaces the file");
    assertEquals("{}", new String(ReportStore.read(ReportStore.sibling(md, "facts.json"), k -> null), StandardCharsets.UTF_8));
    try (var files = Files.list(dir.resolve("ai-platform_failover_1"))) {
      assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file is left behind");
    }
  }

  @Test
  void aBlobLocationKeepsItsContainerPathForSiblings() {
    assertEquals("https://st.blob.core.windows.net/reports/op-1/report.html",
        ReportStore.sibling("https://st.blob.core.windows.net/reports/op-1/report.md", "report.html"));
  }

  @Test
  void aMissingReportIsAClearError(@TempDir Path dir) {
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ReportStore.read(dir.resolve("nope/report.md").toString(), k -> null));
    assertTrue(e.getMessage().startsWith("cannot read the report at "), e.getMessage());
  }
}
