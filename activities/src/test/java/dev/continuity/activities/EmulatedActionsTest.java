package dev.continuity.activities;

import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.estate.Inventory;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs the production actions (real Azure SDK clients) inside Temporal's activity test environment
 * against an ARM emulator seeded, for each test, from the subclass's {@link #inventory()}.
 */
abstract class EmulatedActionsTest {
  ArmEmulator emulator;
  EmulatorClient control;
  TestActivityEnvironment env;

  /** The estate the emulator starts each test with. */
  abstract Inventory inventory();

  @BeforeEach
  void startEmulator() {
    emulator = ArmEmulator.start(0, null, 0, inventory());
    control = new EmulatorClient(emulator.baseUrl());
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(AzureActivities.all(ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), 0)).toArray());
  }

  @AfterEach
  void stopEmulator() {
    env.close();
    emulator.stop();
  }

  /** One attempt, so a failure surfaces as the action's own error rather than after retries. */
  <T> T stub(Class<T> iface) {
    return env.newActivityStub(iface, ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
  }
}
