package dev.continuity.activities.report;

/**
 * A report store that could not keep or give back a file, in one line an operator can act on.
 * {@link #lasting()} failures (refused credentials, a missing file) will not pass by trying again
 * soon; the others (an unreachable endpoint, a 5xx) may.
 */
public class ReportStoreException extends RuntimeException {
  private final boolean lasting;

  public ReportStoreException(String message, boolean lasting, Throwable cause) {
    super(message, cause);
    this.lasting = lasting;
  }

  public boolean lasting() {
    return lasting;
  }
}
