package dev.continuity.emulator;

import dev.continuity.emulator.EmulatorState.FaultSettings;
import java.util.Random;

/**
 * Transient faults (429 with Retry-After, 500, dropped connection) on a seeded pseudo-random
 * sequence, so a test that sets the same rate and seed sees the same faults on the same requests.
 * A fault is decided before the request is handled, so it never follows a committed change.
 */
final class FaultInjector {
  enum Fault { NONE, THROTTLE, SERVER_ERROR, DROP }

  private final Estate estate;
  private Random random;

  FaultInjector(Estate estate) {
    this.estate = estate;
  }

  /** Rebuilds the sequence from the settings, skipping the draws already made (after a restart). */
  void reload() {
    FaultSettings f = estate.state().faults;
    random = new Random(f.seed);
    for (long i = 0; i < f.draws; i++) {
      random.nextDouble();
      random.nextInt(3);
    }
  }

  void configure(double rate, long seed) {
    if (rate < 0 || rate > 1) throw ArmException.badRequest("InvalidFaultRate", "rate must be between 0 and 1, not " + rate);
    FaultSettings f = estate.state().faults;
    f.rate = rate;
    f.seed = seed;
    f.draws = 0;
    f.injected = 0;
    reload();
  }

  Fault next() {
    FaultSettings f = estate.state().faults;
    if (f.rate <= 0) return Fault.NONE;
    f.draws++;
    double d = random.nextDouble();
    int kind = random.nextInt(3);
    if (d >= f.rate) return Fault.NONE;
    f.injected++;
    return switch (kind) {
      case 0 -> Fault.THROTTLE;
      case 1 -> Fault.SERVER_ERROR;
      default -> Fault.DROP;
    };
  }
}
