package dev.continuity.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The activity implementations the {@code worker} command registers. The one place where the
 * real actions (Azure services, probes, the report) are wired into the worker process.
 */
@FunctionalInterface
public interface WorkerActivities {
  /**
   * @param configDir the configuration directory (for settings the actions read at start)
   */
  List<Object> create(Path configDir);

  /**
   * The production wiring: every Azure action (Azure itself, or the ARM emulator named by
   * CONTINUITY_ARM_ENDPOINT) and the report writer (CONTINUITY_REPORT_DIR).
   */
  WorkerActivities PRODUCTION = configDir -> dev.continuity.worker.ProductionActivities.fromEnvironment();
}
