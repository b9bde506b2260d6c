package dev.continuity.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An edited configuration replaces the one in force only once it loads and compiles; a bad edit keeps the old one. */
class LiveEstateTest {
  @TempDir Path dir;

  @BeforeEach
  void copyShipped() throws Exception {
    Path shipped = Path.of("..", "runbooks");
    try (Stream<Path> files = Files.walk(shipped)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = dir.resolve(shipped.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
  }

  private void edit(String file, String from, String to) throws Exception {
    Path p = dir.resolve(file);
    String text = Files.readString(p);
    assertTrue(text.contains(from), "fixture has " + from);
    Files.writeString(p, text.replace(from, to));
  }

  @Test
  void aValidEditIsSwappedInOnTheNextCheck() throws Exception {
    LiveEstate live = LiveEstate.load(dir, Duration.ZERO);
    LiveEstate.Version first = live.current();
    assertEquals(1, first.generation());
    assertEquals(Duration.ofMinutes(15), first.estate().inventory().stamp("web-api").cooldown());
    assertNotNull(first.failovers().get("ai-platform"), "failovers are compiled ahead");

    assertSame(first, live.current(), "unchanged files keep the version");
    edit("inventory.yaml", "    cooldown: 15m\n", "    cooldown: 45m\n");
    LiveEstate.Version next = live.current();
    assertEquals(2, next.generation());
    assertEquals(Duration.ofMinutes(45), next.estate().inventory().stamp("web-api").cooldown());
  }

  @Test
  void aBadEditKeepsTheOldVersionAndReportsItsProblems() throws Exception {
    LiveEstate live = LiveEstate.load(dir, Duration.ZERO);
    LiveEstate.Version first = live.current();
    edit("inventory.yaml", "primaryRegion: eastus2", "primaryRegion: East US 2");
    LiveEstate.ReloadResult r = live.reload();
    assertTrue(r.changed());
    assertFalse(r.swapped());
    assertEquals(1, r.generation());
    assertTrue(r.problems().stream().map(Problem::message).anyMatch(m -> m.contains("East US 2")), r.problems().toString());
    assertSame(first, live.current(), "the last good version stays in force");

    // Fixing it swaps in the fixed version.
    edit("inventory.yaml", "primaryRegion: East US 2", "primaryRegion: eastus2");
    assertTrue(live.reload().swapped());
    assertEquals(2, live.current().generation());
  }

  @Test
  void aRunbookThatNoLongerCompilesKeepsTheOldFailover() throws Exception {
    LiveEstate live = LiveEstate.load(dir, Duration.ZERO);
    edit("web-api-failover.yaml", "steps:", "steps:\n  - id: broken\n    action: trafficManager.setEndpointPriorty\n");
    LiveEstate.ReloadResult r = live.reload();
    assertFalse(r.swapped(), r.toString());
    assertFalse(r.problems().isEmpty());
    assertNotNull(live.current().failovers().get("web-api"));
  }

  @Test
  void aBadFirstVersionIsAnErrorWithItsProblems() throws Exception {
    edit("inventory.yaml", "primaryRegion: eastus2", "primaryRegion: East US 2");
    EstateException e = assertThrows(EstateException.class, () -> LiveEstate.load(dir, Duration.ZERO));
    assertTrue(e.getMessage().contains("East US 2"), e.getMessage());
  }
}
