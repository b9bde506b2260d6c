package dev.continuity.model.config;

/**
 * One thing wrong with the inventory or a runbook, located so an operator can fix it.
 *
 * @param file path of the file, as given or relative to the config directory
 * @param line 1-based line, or 0 when the problem has no single place
 * @param step the step id the problem is about, or null
 * @param message what is wrong and what is allowed instead
 */
public record Problem(String file, int line, String step, String message) {
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(file == null ? "<config>" : file);
    if (line > 0) sb.append(':').append(line);
    if (step != null) sb.append(" [step ").append(step).append(']');
    return sb.append(": ").append(message).toString();
  }
}
