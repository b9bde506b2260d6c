package dev.continuity.activities;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.Json;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a long-running ARM operation so that it survives a worker crash.
 *
 * <p>The SDK's SyncPoller cannot be resumed from a URL, so the first request goes through the
 * service client's {@code ...WithResponseAsync} (the SDK still builds path, api-version and body), its
 * 202 headers give the status URL, and this class polls that URL through the same pipeline,
 * heartbeating it as an {@link OperationCheckpoint}. A retried attempt finds the checkpoint and polls
 * the recorded operation; it never sends the request again while that operation may still run.
 */
final class ResumableOperation {
  private static final Logger log = LoggerFactory.getLogger(ResumableOperation.class);
  private static final long HEARTBEAT_SLICE_MS = 5_000;
  private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled", "cancelled");

  private final HttpPipeline pipeline;
  private final ActivitiesConfig config;

  ResumableOperation(HttpPipeline pipeline, ActivitiesConfig config) {
    this.pipeline = pipeline;
    this.config = config;
  }

  /** The checkpoint of a previous attempt of this action on this resource whose operation may still run. */
  static Optional<OperationCheckpoint> pending(String action, String resource) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    return ctx.getHeartbeatDetails(OperationCheckpoint.class)
        .filter(c -> action.equals(c.action()) && resource.equals(c.resource()) && c.running());
  }

  /** Polls the operation a previous attempt started until it ends. */
  void resume(OperationCheckpoint checkpoint, String role) {
    log.info("{} on {}: resuming the operation at {}", checkpoint.action(), checkpoint.resource(), checkpoint.statusUrl());
    poll(checkpoint, Duration.ZERO, role);
  }

  /**
   * Sends the request and waits for the operation to end.
   *
   * @param start the SDK call that sends the request, e.g. {@code client.failoverWithResponseAsync(...)}
   */
  void start(String action, String resource, String role, Supplier<Mono<Response<Flux<ByteBuffer>>>> start) {
    Response<Flux<ByteBuffer>> response;
    String body;
    try {
      response = start.get().block();
      body = response == null ? "" : drain(response.getValue());
    } catch (RuntimeException e) {
      throw ArmFailures.translate(e, resource, role);
    }
    if (response == null) return;
    HttpHeaders headers = response.getHeaders();
    String asyncUrl = headers.getValue(HttpHeaderName.fromString("Azure-AsyncOperation"));
    String locationUrl = headers.getValue(HttpHeaderName.LOCATION);
    int status = response.getStatusCode();
    boolean running = status == 202 || (asyncUrl != null && !terminal(provisioningState(body)));
    if (!running) return;
    String url = asyncUrl != null ? asyncUrl : locationUrl;
    if (url != null && response.getRequest() != null) {
      // Some RPs (SQL failover groups) send a path without host: it is relative to the request.
      url = resolve(response.getRequest().getUrl().toString(), url);
    }
    if (url == null) {
      // A 202 without a status URL leaves nothing to poll; the action's verification reads the result.
      log.warn("{} on {}: Azure accepted the request but sent no status URL", action, resource);
      return;
    }
    OperationCheckpoint checkpoint = new OperationCheckpoint(action, resource, url,
        asyncUrl != null ? OperationCheckpoint.ASYNC_OPERATION : OperationCheckpoint.LOCATION);
    Activity.getExecutionContext().heartbeat(checkpoint);
    log.info("{} on {}: operation started, polling {} ({})", action, resource, url, checkpoint.via());
    poll(checkpoint, ArmFailures.retryAfterOrNull(headers), role);
  }

  private void poll(OperationCheckpoint checkpoint, Duration firstWait, String role) {
    ActivityExecutionContext ctx = Activity.getExecutionContext();
    String url = checkpoint.statusUrl();
    Duration wait = firstWait == null ? config.pollInterval() : firstWait;
    while (true) {
      sleep(wait, checkpoint);
      HttpResponse response;
      String body;
      try {
        response = pipeline.send(new HttpRequest(HttpMethod.GET, url)).block();
        body = response == null ? "" : Optional.ofNullable(response.getBodyAsString().block()).orElse("");
      } catch (RuntimeException e) {
        // The operation runs on in Azure whether or not one poll gets through.
        log.warn("{} on {}: polling failed ({}), polling again", checkpoint.action(), checkpoint.resource(), e.toString());
        ctx.heartbeat(checkpoint);
        wait = config.pollInterval();
        continue;
      }
      ctx.heartbeat(checkpoint);
      int status = response.getStatusCode();
      Duration asked = ArmFailures.retryAfterOrNull(response.getHeaders());
      wait = asked == null ? config.pollInterval() : asked;
      if (status == 429 || status >= 500) continue;
      if (status == 404) {
        // Azure forgot the operation (they expire); the action's verification tells whether it took effect.
        ctx.heartbeat(checkpoint.ended());
        log.warn("{} on {}: the operation at {} is gone (404)", checkpoint.action(), checkpoint.resource(), url);
        return;
      }
      if (status >= 400) {
        ctx.heartbeat(checkpoint.ended());
        throw ArmFailures.forStatus(status, errorCode(body), errorMessage(body), response.getHeaders(),
            checkpoint.resource(), role, null);
      }
      if (OperationCheckpoint.ASYNC_OPERATION.equals(checkpoint.via())) {
        String state = text(body, "status");
        if (state == null || !terminal(state)) continue;
        ctx.heartbeat(checkpoint.ended());
        if (state.equalsIgnoreCase("succeeded")) return;
        throw operationFailed(checkpoint, state, body);
      }
      if (status == 202) {
        String next = response.getHeaderValue(HttpHeaderName.LOCATION);
        if (next != null && !resolve(url, next).equals(url)) {
          next = resolve(url, next);
          url = next;
          checkpoint = new OperationCheckpoint(checkpoint.action(), checkpoint.resource(), next, checkpoint.via());
          ctx.heartbeat(checkpoint);
        }
        continue;
      }
      ctx.heartbeat(checkpoint.ended());
      return;
    }
  }

  private ApplicationFailure operationFailed(OperationCheckpoint checkpoint, String state, String body) {
    String code = errorCode(body);
    String message = errorMessage(body);
    // Retryable: the next attempt observes again and starts a new operation only if still needed.
    return ApplicationFailure.newFailure(
        checkpoint.action() + " on " + checkpoint.resource() + ": Azure reports the operation " + state
            + (code == null ? "" : " (" + code + (message == null ? "" : ": " + message) + ")"),
        "OperationFailed");
  }

  /** Waits as Azure asked, heartbeating every few seconds so a short heartbeat timeout still holds. */
  private void sleep(Duration wait, OperationCheckpoint checkpoint) {
    long left = Math.min(Math.max(0, wait.toMillis()), config.maxPollInterval().toMillis());
    try {
      while (left > 0) {
        long slice = Math.min(left, HEARTBEAT_SLICE_MS);
        Thread.sleep(slice);
        left -= slice;
        if (left > 0) Activity.getExecutionContext().heartbeat(checkpoint);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for an Azure operation", "Interrupted");
    }
  }

  static String resolve(String requestUrl, String statusUrl) {
    try {
      return java.net.URI.create(requestUrl).resolve(statusUrl).toString();
    } catch (IllegalArgumentException e) {
      return statusUrl;
    }
  }

  static String drain(Flux<ByteBuffer> body) {
    if (body == null) return "";
    StringBuilder sb = new StringBuilder();
    body.toIterable().forEach(b -> sb.append(StandardCharsets.UTF_8.decode(b.duplicate())));
    return sb.toString();
  }

  static boolean terminal(String state) {
    return state == null || TERMINAL.contains(state.toLowerCase(Locale.ROOT));
  }

  private static String provisioningState(String body) {
    JsonNode node = parse(body);
    JsonNode state = node.path("properties").path("provisioningState");
    return state.isTextual() ? state.asText() : null;
  }

  private static String text(String body, String field) {
    JsonNode n = parse(body).path(field);
    return n.isTextual() ? n.asText() : null;
  }

  private static String errorCode(String body) {
    JsonNode n = parse(body).path("error").path("code");
    return n.isTextual() ? n.asText() : null;
  }

  private static String errorMessage(String body) {
    JsonNode n = parse(body).path("error").path("message");
    return n.isTextual() ? n.asText() : null;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) return Json.MAPPER.missingNode();
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      return Json.MAPPER.missingNode();
    }
  }
}
