package dev.continuity.emulator;

/** An error answered in ARM's shape: {"error":{"code":..., "message":...}} with an HTTP status. */
final class ArmException extends RuntimeException {
  final int status;
  final String code;
  /** Seconds for a Retry-After header, or 0 for none. */
  final int retryAfterSeconds;

  ArmException(int status, String code, String message) {
    this(status, code, message, 0);
  }

  ArmException(int status, String code, String message, int retryAfterSeconds) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static ArmException notFound(String id) {
    return new ArmException(404, "ResourceNotFound", "The Resource '" + id + "' was not found.");
  }

  static ArmException badRequest(String code, String message) {
    return new ArmException(400, code, message);
  }

  static ArmException conflict(String code, String message) {
    return new ArmException(409, code, message);
  }

  /** What ARM answers while the resource provider of a region is down. */
  static ArmException regionUnavailable(String region, String id) {
    return new ArmException(503, "ServiceUnavailable",
        "The resource provider for region '" + region + "' is currently unavailable; the request for '" + id
            + "' could not be processed. Please try again later.", 1);
  }
}
