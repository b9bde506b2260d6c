package dev.continuity.model.config;

import dev.continuity.model.plan.Mode;
import java.util.List;

/**
 * A runbook as loaded from YAML: the steps of one stamp, each tagged with the modes it belongs to.
 * A stamp may spread its steps over several runbooks, but each mode's steps live in one of them.
 *
 * @param file the file it was read from (as reported in problems)
 * @param line the line of its {@code stamp:} key
 */
public record Runbook(String name, String stamp, String file, String description, List<RunbookStep> steps, int line) {

  public Runbook(String name, String stamp, String file) {
    this(name, stamp, file, null, List.of(), 0);
  }

  /** The steps that belong to {@code mode}, in file order. */
  public List<RunbookStep> steps(Mode mode) {
    return steps.stream().filter(s -> s.modes().contains(mode)).toList();
  }

  public boolean has(Mode mode) {
    return steps.stream().anyMatch(s -> s.modes().contains(mode));
  }
}
