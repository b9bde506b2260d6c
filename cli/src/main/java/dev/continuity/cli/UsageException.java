package dev.continuity.cli;

/** The command line asks for something that cannot be (an unknown stamp, a missing file): exit 2. */
class UsageException extends RuntimeException {
  UsageException(String message) {
    super(message);
  }
}
