package dev.continuity.cli;

/** What the command's exit status means, for scripts and for {@code --help}. */
public final class ExitCodes {
  public static final int OK = 0;
  /** The operation failed or was aborted (or Temporal could not be reached). */
  public static final int FAILED = 1;
  /** Bad usage, an invalid configuration, an unknown stamp or operation. */
  public static final int USAGE = 2;
  /** Refused: a conflicting operation, the cooldown, an unknown or unauthorized approver. */
  public static final int REFUSED = 3;

  // The --help text of every command; annotation values must be constants, hence one per line.
  static final String HELP_OK = "0:done: the operation succeeded, the request was accepted, the configuration is valid";
  static final String HELP_FAILED = "1:the operation failed or was aborted, or Temporal could not be reached";
  static final String HELP_USAGE = "2:usage error, invalid configuration, unknown stamp or operation";
  static final String HELP_REFUSED =
      "3:refused: a conflicting operation runs, the cooldown holds, or the identity may not approve";
  static final String HEADING = "%nExit codes:%n";

  private ExitCodes() {}
}
