package dev.continuity.model.config;

import dev.continuity.model.estate.Inventory;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded and validated configuration directory: the inventory and every runbook in it.
 * STUB: the loader is being written; signatures are the contract.
 */
public record Estate(Path dir, Inventory inventory, List<Runbook> runbooks) {

  /** Loads and validates {@code dir}; throws with every problem found. */
  public static Estate load(Path dir) throws EstateException {
    throw new UnsupportedOperationException("not yet written");
  }

  /** Every problem in {@code dir}; empty when it is valid. Never throws for bad input. */
  public static List<Problem> validate(Path dir) {
    throw new UnsupportedOperationException("not yet written");
  }
}
