package dev.continuity.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A plain HTTP client speaking to the emulator the way an ARM client does (bearer token, api-version). */
final class Arm {
  static final String API = "2026-01-01-test";
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Arm(ArmEmulator emulator) {
    this.base = emulator.baseUrl();
  }

  record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }

  Reply get(String path) {
    return send("GET", path, null, API);
  }

  Reply send(String method, String path, String body) {
    return send(method, path, body, API);
  }

  Reply send(String method, String path, String body, String apiVersion) {
    String url = path.startsWith("http") ? path : base + path + (apiVersion == null ? "" : (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion);
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replace(" ", "%20"))).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer test-token");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return raw(b.build());
  }

  Reply raw(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body() == null || r.body().isEmpty() ? null : ArmRouter.WIRE.readTree(r.body());
      return new Reply(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new RuntimeException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }

  /** Polls an Azure-AsyncOperation URL until a terminal status; returns the last status body. */
  JsonNode awaitAsync(String url) {
    for (int i = 0; i < 400; i++) {
      Reply r = send("GET", url, null, null);
      assertEquals(200, r.status(), "an Azure-AsyncOperation URL answers 200 while readable: " + r.raw().body());
      String status = r.json().path("status").asText();
      if (!status.equals("InProgress")) return r.json();
      sleep(25);
    }
    throw new AssertionError("operation did not finish: " + url);
  }

  /** Polls a Location URL until it stops answering 202; returns the final reply. */
  Reply awaitLocation(String url) {
    for (int i = 0; i < 400; i++) {
      Reply r = send("GET", url, null, null);
      if (r.status() != 202) return r;
      assertTrue(r.header("Location").isPresent(), "a running Location poll repeats the Location header");
      sleep(25);
    }
    throw new AssertionError("operation did not finish: " + url);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
