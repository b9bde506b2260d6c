package dev.continuity.starter.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Decides whether a request may start anything: an Entra ID bearer token, or the shared secret in
 * the {@value #SECRET_HEADER} header or the {@value #SECRET_PARAMETER} query parameter (what an
 * Event Grid webhook URL or an action group's URI can carry). The secret is compared in constant
 * time on digests, so neither its content nor its length leaks through timing.
 */
public final class AlertAuthenticator {
  public static final String SECRET_HEADER = "X-Continuity-Secret";
  public static final String SECRET_PARAMETER = "secret";

  private final byte[] secretDigest;
  private final EntraTokenVerifier entra;

  /** At least one of the two must be given. */
  public AlertAuthenticator(String secret, EntraTokenVerifier entra) {
    if ((secret == null || secret.isEmpty()) && entra == null) {
      throw new IllegalArgumentException("alerts need authentication: a shared secret, Entra ID tokens, or both");
    }
    this.secretDigest = secret == null || secret.isEmpty() ? null : digest(secret);
    this.entra = entra;
  }

  /** Null when the request is authenticated, else the reason it is not. */
  public String refusal(String authorization, String secretHeader, String secretParameter) {
    String bearer = null;
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) bearer = authorization.substring(7).trim();
    String tokenProblem = null;
    if (bearer != null && entra != null) {
      tokenProblem = entra.refusal(bearer);
      if (tokenProblem == null) return null;
    }
    String given = secretHeader != null ? secretHeader : secretParameter;
    if (given != null && secretDigest != null) {
      if (MessageDigest.isEqual(secretDigest, digest(given))) return null;
      return "the shared secret is wrong";
    }
    if (tokenProblem != null) return tokenProblem;
    if (bearer != null && entra == null) return "bearer tokens are not accepted here; send the shared secret";
    return entra != null && secretDigest == null ? "an Entra ID bearer token is required" : "a credential is required";
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
