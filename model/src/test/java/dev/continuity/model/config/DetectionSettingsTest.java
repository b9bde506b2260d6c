package dev.continuity.model.config;

import static dev.continuity.model.config.ValidationProblemsTest.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.continuity.model.estate.Detection;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stamp's {@code detection:} block: defaults, values, and each mistake with its line. */
class DetectionSettingsTest {
  private static final Path VALID = ValidationProblemsTest.CONFIG.resolve("valid/inventory.yaml");

  private static Path withDetection(Path dir, String block) throws Exception {
    String inventory = Files.readString(VALID);
    // The block goes right under cooldown (line 13), so its first key is on line 15.
    Files.writeString(dir.resolve("inventory.yaml"), inventory.replace("    cooldown: PT45M\n", "    cooldown: PT45M\n" + block));
    return dir;
  }

  @Test
  void withoutABlockTheDefaultsApply() throws Exception {
    Stamp shop = Estate.load(ValidationProblemsTest.CONFIG.resolve("valid")).inventory().stamp("shop");
    assertEquals(Detection.DEFAULT, shop.detection());
    assertEquals(Duration.ofSeconds(5), shop.detection().interval());
    assertEquals(3, shop.detection().consecutiveFailures());
    assertNull(shop.detection().quorum());
  }

  @Test
  void theBlockIsRead(@TempDir Path tmp) throws Exception {
    Path dir = withDetection(tmp, "    detection:\n      probe: health\n      interval: 2s\n      consecutiveFailures: 4\n"
        + "      quorum: 2\n      severity: Sev0\n");
    Detection d = Estate.load(dir).inventory().stamp("shop").detection();
    assertEquals(new Detection("health", Duration.ofSeconds(2), 4, 2, Severity.Sev0), d);
  }

  @Test
  void omittedKeysKeepTheirDefaults(@TempDir Path tmp) throws Exception {
    Detection d = Estate.load(withDetection(tmp, "    detection: { interval: 10s }\n")).inventory().stamp("shop").detection();
    assertEquals(new Detection(null, Duration.ofSeconds(10), 3, null, Severity.Sev1), d);
  }

  @Test
  void mistakesAreReportedWithTheirLines(@TempDir Path tmp) throws Exception {
    Path dir = withDetection(tmp, "    detection:\n      probe: helth\n      interval: 200ms\n      consecutiveFailures: 0\n"
        + "      quorum: 3\n      severity: Sev7\n      every: 5s\n");
    List<Problem> p = Estate.validate(dir);
    expect(p, "inventory.yaml", 20, null, "unknown key 'every' in stamp shop detection", "allowed: probe, interval");
    expect(p, "inventory.yaml", 15, null, "detection.probe 'helth' is not a resource of the stamp", "did you mean 'health'");
    expect(p, "inventory.yaml", 16, null, "detection.interval must be at least 1s");
    expect(p, "inventory.yaml", 17, null, "consecutiveFailures '0' must be a whole number of at least 1");
    expect(p, "inventory.yaml", 19, null, "unknown severity 'Sev7'");
    assertEquals(5, p.size(), p::toString);
  }

  @Test
  void aQuorumAboveTheVantagePointsAndAProbeOfTheWrongKindAreRefused(@TempDir Path tmp) throws Exception {
    List<Problem> p = Estate.validate(withDetection(tmp, "    detection: { quorum: 3 }\n"));
    expect(p, "inventory.yaml", 14, null, "detection.quorum is 3 but probe health has only 2 vantage points");
    assertEquals(1, p.size(), p::toString);
    Path other = Files.createDirectories(tmp.resolve("other"));
    p = Estate.validate(withDetection(other, "    detection: { probe: tm }\n"));
    expect(p, "inventory.yaml", 14, null, "detection.probe 'tm' is a trafficManager, not a healthProbe");
  }
}
