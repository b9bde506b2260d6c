package dev.continuity.model.operation;

import java.time.Duration;

/**
 * How a stamp entity starts: its regions and cooldown, from the inventory at the time it was
 * first started. The entity carries its own state across continue-as-new.
 *
 * @param carried state from the previous run (continue-as-new), or null on first start
 */
public record StampSettings(String stamp, String primaryRegion, String secondaryRegion, Duration cooldown, StampState carried) {}
