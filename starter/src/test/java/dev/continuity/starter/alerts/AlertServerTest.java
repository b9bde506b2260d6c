package dev.continuity.starter.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.continuity.model.estate.Severity;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP surface: handshakes, authentication (shared secret; Entra tokens signed by a local key
 * served from a local JWKS endpoint), limits and bad input. Nothing that is refused reaches the
 * handling behind the server.
 */
class AlertServerTest {
  private static final String SECRET = "s3cret-for-tests";
  private static final String ISSUER = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0";
  private static final String AUDIENCE = "api://continuity-alerts";
  private static HttpServer jwks;
  private static RSAKey key;
  private static RSAKey stranger;

  private final HttpClient http = HttpClient.newHttpClient();
  private RecordingHandling handling;
  private AlertServer server;

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    jwks.createContext("/keys", x -> {
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    jwks.start();
  }

  @AfterAll
  static void stopKeys() {
    jwks.stop(0);
  }

  @BeforeEach
  void start() {
    handling = new RecordingHandling();
    EntraTokenVerifier entra = new EntraTokenVerifier(ISSUER, Set.of(AUDIENCE),
        URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/keys"));
    AlertServerOptions options = new AlertServerOptions("127.0.0.1", 0, null, 64 * 1024, 1000, 1000, new ResourceHealthEvents(Severity.Sev1));
    server = AlertServer.start(options, new AlertAuthenticator(SECRET, entra), handling);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postWithSecret(String path, String body) throws Exception {
    return post(path, body, AlertAuthenticator.SECRET_HEADER, SECRET);
  }

  private static String token(RSAKey signer, String issuer, String audience, long expiresInSeconds) throws Exception {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("action-group")
        .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + expiresInSeconds * 1000)).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(signer));
    return jwt.serialize();
  }

  @Test
  void eventGridSubscriptionValidationEchoesTheCode() throws Exception {
    HttpResponse<String> r = postWithSecret("/eventgrid", Payloads.read("eventgrid-validation.json"));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"validationResponse\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"}", r.body());
    assertTrue(handling.signals.isEmpty());
  }

  @Test
  void cloudEventsValidationAllowsTheAskingOrigin() throws Exception {
    HttpRequest options = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/eventgrid?secret=" + SECRET))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("WebHook-Request-Origin", "eventgrid.azure.net").build();
    HttpResponse<String> r = http.send(options, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("eventgrid.azure.net", r.headers().firstValue("WebHook-Allowed-Origin").orElse(null));

    HttpRequest anonymous = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/eventgrid"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("WebHook-Request-Origin", "eventgrid.azure.net").build();
    HttpResponse<String> refused = http.send(anonymous, HttpResponse.BodyHandlers.ofString());
    assertEquals(401, refused.statusCode());
    assertTrue(refused.headers().firstValue("WebHook-Allowed-Origin").isEmpty());
  }

  @Test
  void alertsOfEveryKindReachTheHandling() throws Exception {
    for (String name : new String[] {"monitor-metric-fired.json", "monitor-log-fired.json", "monitor-activitylog-fired.json",
        "monitor-resourcehealth-fired.json", "monitor-servicehealth-fired.json", "monitor-metric-resolved.json"}) {
      HttpResponse<String> r = postWithSecret("/alerts", Payloads.read(name));
      assertEquals(200, r.statusCode(), name + ": " + r.body());
      assertTrue(r.body().contains("\"outcome\":\"started\""), r.body());
    }
    HttpResponse<String> batch = postWithSecret("/eventgrid", Payloads.read("eventgrid-resourcehealth-batch.json"));
    assertEquals(200, batch.statusCode(), batch.body());
    assertTrue(batch.body().contains("\"accepted\":1,\"ignored\":1"), "the BlobCreated event is ignored: " + batch.body());
    HttpResponse<String> cloud = post("/eventgrid", Payloads.read("cloudevents-resourcehealth.json"),
        AlertAuthenticator.SECRET_HEADER, SECRET, "Content-Type", "application/cloudevents+json; charset=utf-8");
    assertEquals(200, cloud.statusCode(), cloud.body());
    assertEquals(8, handling.signals.size());
    String metrics = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("continuity_alerts_received_total 9.0\n"), metrics);
    assertTrue(metrics.contains("continuity_alert_operations_started_total 8.0\n"), metrics);
    assertTrue(metrics.contains("continuity_alert_outcomes_total{outcome=\"ignored\"} 1.0\n"), metrics);
  }

  @Test
  void eachAuthenticationFailureIs401AndStartsNothing() throws Exception {
    String alert = Payloads.read("monitor-metric-fired.json");
    String[][] attempts = {
        {},
        {AlertAuthenticator.SECRET_HEADER, "wrong"},
        {AlertAuthenticator.SECRET_HEADER, SECRET + "x"},
        {"Authorization", "Bearer not-a-jwt"},
        {"Authorization", "Bearer " + token(key, ISSUER, AUDIENCE, -600)},
        {"Authorization", "Bearer " + token(key, ISSUER, "api://someone-else", 600)},
        {"Authorization", "Bearer " + token(key, "https://sts.windows.net/evil/", AUDIENCE, 600)},
        {"Authorization", "Bearer " + token(stranger, ISSUER, AUDIENCE, 600)},
        {"Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("x:" + SECRET).getBytes())},
    };
    for (String[] headers : attempts) {
      HttpResponse<String> r = post("/alerts", alert, headers);
      assertEquals(401, r.statusCode(), String.join(" ", headers) + ": " + r.body());
      assertTrue(r.body().startsWith("{\"error\":\"unauthorized\""), r.body());
    }
    HttpResponse<String> expired = post("/alerts", alert, "Authorization", "Bearer " + token(key, ISSUER, AUDIENCE, -600));
    assertTrue(expired.body().contains("xpired"), expired.body());
    assertTrue(handling.signals.isEmpty(), "nothing unauthenticated reached the handling");
    assertEquals(attempts.length + 1, server.counters().get("continuity_alert_requests_refused_total{reason=\"unauthorized\"}"));

    assertEquals(200, post("/alerts", alert, "Authorization", "Bearer " + token(key, ISSUER, AUDIENCE, 600)).statusCode());
    assertEquals(200, post("/alerts?secret=" + SECRET, alert).statusCode());
    assertEquals(2, handling.signals.size());
  }

  @Test
  void oversizedMalformedAndHostileBodiesAreRefusedWithoutStackTraces() throws Exception {
    String big = "[" + "{\"padding\":\"" + "x".repeat(70 * 1024) + "\"}]";
    HttpResponse<String> tooLarge = postWithSecret("/eventgrid", big);
    assertEquals(413, tooLarge.statusCode(), tooLarge.body());

    String good = Payloads.read("monitor-metric-fired.json");
    String[] bad = {
        "", "{", good.substring(0, 300), "null", "[]", "\"text\"", "{\"schemaId\": 3}",
        good.replace("\"severity\": \"Sev1\"", "\"severity\": [\"Sev1\"]"),
        "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
        "\u0000\u0001binary", "{\"schemaId\":\"azureMonitorCommonAlertSchema\",\"data\":{\"essentials\":{\"alertId\":\"<script>\"}}}",
    };
    for (String body : bad) {
      HttpResponse<String> r = postWithSecret("/alerts", body);
      assertEquals(400, r.statusCode(), body.length() > 60 ? body.substring(0, 60) : body);
      assertTrue(r.body().startsWith("{\"error\":\"malformed\",\"message\":\""), r.body());
      assertFalse(r.body().contains("at dev.") || r.body().contains("Exception"), r.body());
    }
    byte[] latin1 = good.replace("Availability", "Verfügbarkeit").getBytes(StandardCharsets.ISO_8859_1);
    HttpRequest notUtf8 = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/alerts"))
        .header(AlertAuthenticator.SECRET_HEADER, SECRET).POST(HttpRequest.BodyPublishers.ofByteArray(latin1)).build();
    assertEquals(400, http.send(notUtf8, HttpResponse.BodyHandlers.ofString()).statusCode());
    for (String body : new String[] {"[{\"id\":1}]", "{\"specversion\":\"1.0\"}", Payloads.read("eventgrid-resourcehealth-batch.json").substring(0, 500)}) {
      HttpResponse<String> r = postWithSecret("/eventgrid", body);
      assertEquals(400, r.statusCode(), body + " -> " + r.body());
      assertFalse(r.body().contains("\tat "), r.body());
    }
    assertTrue(handling.signals.isEmpty());
  }

  @Test
  void unknownEventTypesAreAcceptedAndIgnored() throws Exception {
    String blob = Payloads.read("eventgrid-resourcehealth-batch.json");
    String onlyBlob = "[" + blob.substring(blob.indexOf("{\n    \"id\": \"7c2a9e41"));
    HttpResponse<String> r = postWithSecret("/eventgrid", onlyBlob);
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"accepted\":0,\"ignored\":1"), r.body());
    assertTrue(handling.signals.isEmpty());
  }

  @Test
  void wrongPathsAndMethodsAreNamedAndHealthAnswers() throws Exception {
    assertEquals(404, postWithSecret("/nope", "{}").statusCode());
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/alerts")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("Allow").orElse(null));
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"up\"}", health.body());
  }

  @Test
  void aFailureBehindTheServerIs503SoTheSenderRetries() throws Exception {
    handling.failing = true;
    HttpResponse<String> r = postWithSecret("/alerts", Payloads.read("monitor-metric-fired.json"));
    assertEquals(503, r.statusCode(), r.body());
    assertEquals("5", r.headers().firstValue("Retry-After").orElse(null));
    assertFalse(r.body().contains("Temporal is unreachable"), "internal detail stays in the log: " + r.body());
  }

  @Test
  void aSourceOverItsRateGets429() throws Exception {
    server.close();
    AlertServerOptions options = new AlertServerOptions("127.0.0.1", 0, null, 64 * 1024, 1, 3, new ResourceHealthEvents(null));
    server = AlertServer.start(options, new AlertAuthenticator(SECRET, null), handling);
    int limited = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = postWithSecret("/alerts", Payloads.metricAlert("rate-" + i, "Fired"));
      if (r.statusCode() == 429) {
        limited++;
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
      } else {
        assertEquals(200, r.statusCode(), r.body());
      }
    }
    assertTrue(limited >= 2, "a burst of 3 at 1/s lets about 3 of 6 through; limited " + limited);
    assertTrue(handling.signals.size() <= 4, handling.signals.size() + " reached the handling");
  }
}
