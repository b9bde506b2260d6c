package dev.continuity.activities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionCatalog;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureActivitiesTest {

  @Test
  void everyInterfaceOfTheCatalogHasExactlyOneImplementation() {
    ActivitiesConfig config = ActivitiesConfig.emulator(URI.create("http://127.0.0.1:1"), 1.0);
    List<Object> all = AzureActivities.all(config);
    for (Class<?> iface : ActionCatalog.INTERFACES) {
      assertEquals(1, all.stream().filter(iface::isInstance).count(), iface.getSimpleName());
    }
    // Temporal refuses two implementations of one activity type: registering all proves the names are unique
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(all.toArray());
    } finally {
      env.close();
    }
  }

  @Test
  void loopbackEndpointMeansTheEmulatorWhichIsAlsoTheRelay() {
    ActivitiesConfig config = ActivitiesConfig.from(Map.of(ActivitiesConfig.ARM_ENDPOINT, "http://127.0.0.1:8090/",
        ActivitiesConfig.TIME_SCALE, "0.01")::get);
    assertTrue(config.emulated());
    assertEquals("http://127.0.0.1:8090/_probe", config.probeRelay());
    assertEquals(100, config.scaledProbeInterval().toMillis());
  }

  @Test
  void noEndpointMeansPublicAzureAndDirectProbes() {
    ActivitiesConfig config = ActivitiesConfig.from(Map.<String, String>of()::get);
    assertFalse(config.emulated());
    assertNull(config.armEndpoint());
    assertNull(config.probeRelay());
  }

  @Test
  void badTimeScaleIsAClearError() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ActivitiesConfig.from(Map.of(ActivitiesConfig.TIME_SCALE, "fast")::get));
    assertTrue(e.getMessage().contains(ActivitiesConfig.TIME_SCALE));
  }
}
