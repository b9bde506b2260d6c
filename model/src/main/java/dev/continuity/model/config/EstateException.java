package dev.continuity.model.config;

import java.util.List;

/** The configuration cannot be used; carries every problem found, not just the first. */
public class EstateException extends Exception {
  private final List<Problem> problems;

  public EstateException(List<Problem> problems) {
    super(problems.isEmpty() ? "invalid configuration" : problems.get(0).toString()
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  public EstateException(Problem problem) {
    this(List.of(problem));
  }

  public List<Problem> problems() {
    return problems;
  }
}
