package dev.continuity.starter.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.telemetry.MetricsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert ingress (on Undertow):
 * <ul>
 *   <li>{@code POST /eventgrid}: Event Grid pushes, Event Grid schema or CloudEvents 1.0, single or
 *       batched, including the SubscriptionValidation handshake;
 *   <li>{@code OPTIONS /eventgrid}: the CloudEvents webhook validation handshake;
 *   <li>{@code POST /alerts}: Azure Monitor action-group webhooks in the Common Alert Schema;
 *   <li>{@code GET /health} and {@code GET /metrics} (Prometheus text), unauthenticated.
 * </ul>
 * Checks run cheapest first: rate limit (429), credentials (401), size (413), JSON (400). Nothing
 * is started before all of them pass; no answer carries a stack trace.
 */
public final class AlertServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertServer.class);
  private static final HttpString ALLOWED_ORIGIN = new HttpString("WebHook-Allowed-Origin");
  private static final HttpString ALLOWED_RATE = new HttpString("WebHook-Allowed-Rate");
  private static final HttpString REQUEST_ORIGIN = new HttpString("WebHook-Request-Origin");

  private final AlertServerOptions options;
  private final AlertAuthenticator auth;
  private final AlertHandling handling;
  private final SourceRateLimiter limiter;
  private final PrometheusMeterRegistry registry;
  private final AlertCounters counters;
  private final Undertow server;
  private final int port;

  private AlertServer(AlertServerOptions options, AlertAuthenticator auth, AlertHandling handling, PrometheusMeterRegistry registry) {
    this.options = options;
    this.registry = registry;
    this.counters = new AlertCounters(registry);
    this.auth = auth;
    this.handling = handling;
    this.limiter = new SourceRateLimiter(options.ratePerSecond(), options.burst());
    Undertow.Builder b = Undertow.builder().setHandler(new BlockingHandler(this::route));
    if (options.tls() != null) b.addHttpsListener(options.port(), options.host(), options.tls());
    else b.addHttpListener(options.port(), options.host());
    server = b.build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  /** A server with metrics of its own (the alert counters only). */
  public static AlertServer start(AlertServerOptions options, AlertAuthenticator auth, AlertHandling handling) {
    return start(options, auth, handling, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * @param registry the process's registry: its /metrics then shows what the metrics port shows
   *     (the Temporal SDK's client metrics with the alert counters)
   */
  public static AlertServer start(
      AlertServerOptions options, AlertAuthenticator auth, AlertHandling handling, PrometheusMeterRegistry registry) {
    return new AlertServer(options, auth, handling, registry);
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return (options.tls() == null ? "http" : "https") + "://" + host + ":" + port;
  }

  public AlertCounters counters() {
    return counters;
  }

  @Override
  public void close() {
    server.stop();
  }

  private void route(HttpServerExchange x) {
    try {
      String path = x.getRequestPath();
      HttpString method = x.getRequestMethod();
      switch (path) {
        case "/health" -> {
          if (!Methods.GET.equals(method) && !Methods.HEAD.equals(method)) { methodNotAllowed(x, "GET"); return; }
          send(x, 200, "application/json", "{\"status\":\"up\"}");
        }
        case "/metrics" -> {
          if (!Methods.GET.equals(method)) { methodNotAllowed(x, "GET"); return; }
          send(x, 200, MetricsServer.CONTENT_TYPE, registry.scrape());
        }
        case "/eventgrid" -> {
          if (Methods.OPTIONS.equals(method)) { guarded(x, false, this::cloudEventsHandshake); return; }
          if (!Methods.POST.equals(method)) { methodNotAllowed(x, "POST, OPTIONS"); return; }
          guarded(x, true, this::eventGrid);
        }
        case "/alerts" -> {
          if (!Methods.POST.equals(method)) { methodNotAllowed(x, "POST"); return; }
          guarded(x, true, this::commonAlert);
        }
        default -> problem(x, 404, "not_found", "no endpoint " + CommonAlertParser.clip(path) + "; use /eventgrid, /alerts, /health or /metrics");
      }
    } catch (RuntimeException e) {
      // Whatever went wrong (Temporal unreachable, above all), the sender's retry is the remedy.
      log.warn("alert request {} {} failed: {}", x.getRequestMethod(), x.getRequestPath(), e.toString());
      counters.refused("unavailable");
      if (!x.isResponseStarted()) {
        x.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
        problem(x, 503, "unavailable", "cannot start operations right now; retry later");
      }
    }
  }

  private interface Body {
    void handle(HttpServerExchange x, String body) throws BadAlertException;
  }

  private void guarded(HttpServerExchange x, boolean readBody, Body next) {
    String source = x.getSourceAddress() == null ? "unknown" : x.getSourceAddress().getAddress().getHostAddress();
    if (!limiter.allow(source, System.nanoTime())) {
      counters.refused("rate_limited");
      x.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
      problem(x, 429, "rate_limited", "too many requests from " + source + "; slow down");
      return;
    }
    String refusal = auth.refusal(x.getRequestHeaders().getFirst(Headers.AUTHORIZATION),
        x.getRequestHeaders().getFirst(AlertAuthenticator.SECRET_HEADER), query(x, AlertAuthenticator.SECRET_PARAMETER));
    if (refusal != null) {
      counters.refused("unauthorized");
      log.warn("refused an unauthenticated {} {} from {}: {}", x.getRequestMethod(), x.getRequestPath(), source, refusal);
      x.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
      problem(x, 401, "unauthorized", refusal);
      return;
    }
    String body = null;
    if (readBody) {
      long declared = x.getRequestContentLength();
      if (declared > options.maxBodyBytes()) {
        tooLarge(x);
        return;
      }
      byte[] bytes;
      try (InputStream in = x.getInputStream()) {
        bytes = in.readNBytes(options.maxBodyBytes() + 1);
      } catch (IOException e) {
        counters.refused("malformed");
        problem(x, 400, "malformed", "the body could not be read completely");
        return;
      }
      if (bytes.length > options.maxBodyBytes()) {
        tooLarge(x);
        return;
      }
      try {
        body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        counters.refused("malformed");
        problem(x, 400, "malformed", "the body is not UTF-8 text");
        return;
      }
    }
    try {
      next.handle(x, body);
    } catch (BadAlertException e) {
      counters.refused("malformed");
      log.info("refused a malformed {} from {}: {}", x.getRequestPath(), source, e.getMessage());
      problem(x, 400, "malformed", e.getMessage());
    }
  }

  private void tooLarge(HttpServerExchange x) {
    counters.refused("too_large");
    // The rest of the body is not read: the connection cannot carry another request.
    x.setPersistent(false);
    problem(x, 413, "too_large", "the body exceeds " + options.maxBodyBytes() + " bytes");
  }

  /** CloudEvents 1.0 webhook validation (abuse protection): allow the origin that asks. */
  private void cloudEventsHandshake(HttpServerExchange x, String ignored) throws BadAlertException {
    String origin = x.getRequestHeaders().getFirst(REQUEST_ORIGIN);
    if (origin == null || origin.isBlank()) throw new BadAlertException("an OPTIONS validation request needs the WebHook-Request-Origin header");
    if (origin.length() > 255 || origin.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new BadAlertException("the WebHook-Request-Origin header is not a host name");
    }
    x.getResponseHeaders().put(ALLOWED_ORIGIN, origin);
    x.getResponseHeaders().put(ALLOWED_RATE, "*");
    x.getResponseHeaders().put(Headers.ALLOW, "POST, OPTIONS");
    log.info("CloudEvents subscription validated for origin {}", origin);
    send(x, 200, "text/plain", "");
  }

  private void eventGrid(HttpServerExchange x, String body) throws BadAlertException {
    EventGridDelivery delivery = EventGridParser.parse(body, options.resourceHealth());
    counters.received(delivery.events());
    for (String type : delivery.ignoredTypes()) {
      log.info("ignoring an Event Grid event of type {}", CommonAlertParser.clip(type));
      counters.outcome("ignored");
    }
    if (delivery.validationCode() != null) {
      log.info("Event Grid subscription validated");
      ObjectNode answer = StrictJson.mapper().createObjectNode().put("validationResponse", delivery.validationCode());
      send(x, 200, "application/json", answer.toString());
      return;
    }
    respond(x, delivery.signals(), delivery.ignoredTypes().size());
  }

  private void commonAlert(HttpServerExchange x, String body) throws BadAlertException {
    AlertSignal signal = CommonAlertParser.parse(body);
    counters.received(1);
    respond(x, List.of(signal), 0);
  }

  private void respond(HttpServerExchange x, List<AlertSignal> signals, int ignored) {
    List<AlertDisposition> all = handling.handleAll(signals);
    for (AlertDisposition d : all) counters.outcome(d.outcome());
    ObjectNode answer = StrictJson.mapper().createObjectNode();
    answer.put("accepted", signals.size());
    answer.put("ignored", ignored);
    ArrayNode results = answer.putArray("results");
    for (AlertDisposition d : all) results.add(StrictJson.mapper().valueToTree(d));
    send(x, 200, "application/json", answer.toString());
  }

  private static String query(HttpServerExchange x, String name) {
    Deque<String> values = x.getQueryParameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static void methodNotAllowed(HttpServerExchange x, String allow) {
    x.getResponseHeaders().put(Headers.ALLOW, allow);
    problem(x, 405, "method_not_allowed", x.getRequestMethod() + " is not allowed here; use " + allow);
  }

  private static void problem(HttpServerExchange x, int status, String error, String message) {
    ObjectNode body = StrictJson.mapper().createObjectNode().put("error", error).put("message", message);
    send(x, status, "application/json", body.toString());
  }

  private static void send(HttpServerExchange x, int status, String type, String body) {
    x.setStatusCode(status);
    x.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
    x.getResponseSender().send(body, StandardCharsets.UTF_8);
  }

}
