package dev.continuity.starter;

/** The Temporal service cannot be reached or the connection settings cannot be used. */
public class TemporalUnavailableException extends RuntimeException {
  private final String address;

  public TemporalUnavailableException(String address, String reason, Throwable cause) {
    super("cannot reach Temporal at " + address + ": " + reason, cause);
    this.address = address;
  }

  public String address() {
    return address;
  }
}
