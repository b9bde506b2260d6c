package dev.continuity.starter.alerts;

import javax.net.ssl.SSLContext;

/**
 * How the alert server listens.
 *
 * @param tls the server certificate, or null for plain HTTP (behind a TLS-terminating proxy only)
 * @param maxBodyBytes larger bodies are refused with 413 (Event Grid batches are at most 1 MB)
 * @param ratePerSecond requests per second per source address; 0 turns the limit off
 */
public record AlertServerOptions(
    String host, int port, SSLContext tls, int maxBodyBytes, double ratePerSecond, int burst, ResourceHealthEvents resourceHealth) {

  public static final int DEFAULT_MAX_BODY = 1024 * 1024;

  public static AlertServerOptions local(int port) {
    return new AlertServerOptions("127.0.0.1", port, null, DEFAULT_MAX_BODY, 50, 200, new ResourceHealthEvents(null));
  }
}
