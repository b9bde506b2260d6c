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
   * The production wiring. Empty until the activities module's implementations are wired here;
   * a worker without activities still runs the workflows (their steps wait for a worker that
   * has the actions), and says so in its log.
   */
  WorkerActivities PRODUCTION = configDir -> List.of();
}
