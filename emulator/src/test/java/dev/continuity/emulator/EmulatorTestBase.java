package dev.continuity.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Starts an emulator on the demo inventory and speaks to it as ARM clients and as the CLI do. */
abstract class EmulatorTestBase {
  ArmEmulator emulator;
  Arm arm;
  EmulatorClient control;

  void start(double timeScale) {
    start(timeScale, null);
  }

  void start(double timeScale, Path stateFile) {
    emulator = ArmEmulator.start(0, stateFile, timeScale, DemoInventory.build());
    arm = new Arm(emulator);
    control = new EmulatorClient(emulator.baseUrl());
  }

  @AfterEach
  void stopEmulator() {
    if (emulator != null) emulator.stop();
  }

  /** Journal entries for a resource ID (substring) and operation. */
  List<JsonNode> journal(String resource, String operation) {
    List<JsonNode> out = new ArrayList<>();
    control.journal(resource, operation).path("entries").forEach(out::add);
    return out;
  }

  static String cosmosPriorities(String first, String second) {
    return "{\"failoverPolicies\":[{\"locationName\":\"" + first + "\",\"failoverPriority\":0},{\"locationName\":\"" + second
        + "\",\"failoverPriority\":1}]}";
  }
}
