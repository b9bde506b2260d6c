package dev.continuity.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml cannot be run on the build machine (no Docker engine), so it is checked the way
 * `docker compose config` would, and for the wiring between its services: valid against the Compose
 * Specification's schema, our services on the images this module builds, everything else pinned,
 * no host port used twice, every health-gated dependency has a health check, and every Continuity or
 * Temporal variable set is one the program reads.
 */
class ComposeFileTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path COMPOSE = REPO.resolve("docker/compose.yaml");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> OURS = Set.of("worker", "starter", "emulator");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");

  private static JsonNode compose;

  @BeforeAll
  static void load() throws IOException {
    compose = YAML.readTree(COMPOSE.toFile());
  }

  @Test
  void conformsToTheComposeSpecification() throws IOException {
    JsonNode schemaNode;
    try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose/compose-spec.json")) {
      schemaNode = new ObjectMapper().readTree(in);
    }
    // The schema names its meta-schema without the fragment, and itself by a relative id: the validator
    // wants draft-07's canonical id and an absolute one (nothing is fetched: every $ref is inside the file).
    ((ObjectNode) schemaNode).put("$schema", "http://json-schema.org/draft-07/schema#");
    ((ObjectNode) schemaNode).put("$id", "https://github.com/compose-spec/compose-spec/schema/compose-spec.json");
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaNode);
    Set<ValidationMessage> problems = schema.validate(compose);
    assertTrue(problems.isEmpty(), "docker/compose.yaml against the Compose Specification: " + problems);

    // The schema is not a formality: it refuses what Compose refuses.
    ObjectNode broken = compose.deepCopy();
    ((ObjectNode) broken.path("services").path("worker")).put("restart_policy", "always");
    assertFalse(schema.validate(broken).isEmpty(), "an unknown service key is refused");
  }

  @Test
  void ourServicesRunTheImagesThisModuleBuilds() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    for (String service : OURS) {
      String image = interpolate(service(service).path("image").asText());
      String repository = image.substring(0, image.lastIndexOf(':'));
      String tag = image.substring(image.lastIndexOf(':') + 1);
      assertEquals("continuity/continuity-" + service, repository, service);
      assertTrue(pom.contains("<image>${continuity.image.registry}/continuity-" + service + ":${continuity.image.tag}</image>"),
          "images/pom.xml builds continuity-" + service);
      assertEquals(projectVersion(pom), tag, service + " uses this version's image by default");
    }
  }

  @Test
  void everyOtherImageIsPinnedToAVersion() {
    compose.path("services").fields().forEachRemaining(e -> {
      if (OURS.contains(e.getKey())) return;
      String image = e.getValue().path("image").asText();
      assertTrue(image.matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*|[a-z0-9./-]+@sha256:[0-9a-f]{64}"),
          e.getKey() + " pins a version or digest: " + image);
    });
  }

  @Test
  void noHostPortIsPublishedTwice() {
    Map<String, String> byPort = new HashMap<>();
    compose.path("services").fields().forEachRemaining(e -> {
      for (JsonNode port : e.getValue().path("ports")) {
        String host = port.asText().split(":")[0];
        String other = byPort.put(host, e.getKey());
        assertTrue(other == null, "host port " + host + " is published by " + other + " and " + e.getKey());
      }
    });
    assertEquals(Set.of("7233", "8233", "8765", "9464", "8080", "9465"), byPort.keySet());
  }

  @Test
  void healthGatedDependenciesHaveHealthChecks() {
    List<String> gated = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(e -> e.getValue().path("depends_on").fields().forEachRemaining(d -> {
      JsonNode target = service(d.getKey());
      assertFalse(target.isMissingNode(), e.getKey() + " depends on a service that does not exist: " + d.getKey());
      if ("service_healthy".equals(d.getValue().path("condition").asText())) {
        assertTrue(target.path("healthcheck").path("test").isArray(), d.getKey() + " has a health check (" + e.getKey() + " waits for it)");
        gated.add(e.getKey() + "->" + d.getKey());
      }
    }));
    assertTrue(gated.containsAll(List.of("temporal->postgresql", "worker->temporal", "worker->emulator", "starter->temporal")), gated.toString());
  }

  @Test
  void theEmulatorHealthCheckRunsTheImagesOwnJava() {
    List<String> test = new ArrayList<>();
    service("emulator").path("healthcheck").path("test").forEach(n -> test.add(n.asText()));
    assertEquals("CMD", test.get(0));
    assertEquals("/opt/java/openjdk/bin/java", test.get(1));
    assertTrue(test.containsAll(List.of("@/app/jib-classpath-file", "dev.continuity.cli.Continuity", "emulator", "journal")), test.toString());
  }

  @Test
  void everyContinuityAndTemporalVariableIsOneTheProgramReads() throws IOException {
    String sources = mainSources();
    for (String service : OURS) {
      service(service).path("environment").fieldNames().forEachRemaining(name -> {
        if (name.startsWith("CONTINUITY_") || name.startsWith("TEMPORAL_")) {
          assertTrue(sources.contains("\"" + name + "\""), service + " sets " + name + ", which no main source reads");
        }
      });
    }
  }

  @Test
  void theWorkerReachesTemporalAndTheEmulatorOverTheComposeNetwork() {
    JsonNode env = service("worker").path("environment");
    URI arm = URI.create(env.path("CONTINUITY_ARM_ENDPOINT").asText());
    assertEquals("http", arm.getScheme(), "an http endpoint is how the worker knows it is the emulator");
    assertEquals("emulator", arm.getHost());
    assertTrue(publishes("emulator", arm.getPort()), "the emulator listens on " + arm.getPort());
    for (String client : List.of("worker", "starter")) {
      String temporal = service(client).path("environment").path("TEMPORAL_ADDRESS").asText();
      assertEquals("temporal:7233", temporal, client);
    }
    assertTrue(publishes("temporal", 7233));
    assertNotNull(interpolate(service("starter").path("environment").path("CONTINUITY_ALERT_SECRET").asText()));
    assertTrue(interpolate(service("starter").path("environment").path("CONTINUITY_ALERT_SECRET").asText()).length() >= 16,
        "the starter refuses a secret under 16 characters");
  }

  // ----

  private static JsonNode service(String name) {
    return compose.path("services").path(name);
  }

  private static boolean publishes(String service, int containerPort) {
    for (JsonNode port : service(service).path("ports")) {
      String[] parts = port.asText().split(":");
      if (parts[parts.length - 1].equals(Integer.toString(containerPort))) return true;
    }
    return false;
  }

  /** ${NAME:-default} as Compose reads it with NAME unset. */
  private static String interpolate(String value) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
    m.appendTail(out);
    return out.toString();
  }

  private static String projectVersion(String pom) {
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    assertTrue(m.find());
    return m.group(1);
  }

  private static String mainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(REPO, 8)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
  }
}
