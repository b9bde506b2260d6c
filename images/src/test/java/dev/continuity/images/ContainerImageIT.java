package dev.continuity.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the image tars that Jib wrote in this module's package phase (profile image-tar): the
 * configuration a container runtime reads (entrypoint, user, ports, labels) and the file system it
 * unpacks. Where the test may chroot (root on Linux, always under CI), it runs each image's entrypoint
 * in its unpacked layers as the image's user, the way a container would, with nothing from this machine.
 */
class ContainerImageIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAIN = "dev.continuity.cli.Continuity";
  private static final List<String> JVM = List.of("/opt/java/openjdk/bin/java", "-XX:MaxRAMPercentage=75",
      "-XX:+ExitOnOutOfMemoryError", "-cp", "@/app/jib-classpath-file", MAIN);

  /** What a container of one image must run and expose. */
  record Expected(String image, List<String> command, Set<String> ports, String usage) {
    @Override
    public String toString() {
      return image;
    }
  }

  static Stream<Expected> images() {
    return Stream.of(
        new Expected("continuity-worker", List.of("worker"), Set.of("9464/tcp"), "Usage: continuity worker"),
        new Expected("continuity-starter", List.of("starter", "serve"), Set.of("8080/tcp", "9464/tcp"),
            "Usage: continuity starter serve"),
        new Expected("continuity-emulator",
            List.of("emulator", "start", "--host", "0.0.0.0", "--port", "8765", "--state", "/var/lib/continuity/emulator-state.json"),
            Set.of("8765/tcp"), "Usage: continuity emulator start"));
  }

  @TempDir static Path scratch;
  private static final Map<String, Unpacked> unpacked = new HashMap<>();

  /** One image tar, unpacked: its manifest, its configuration and its layers applied in order. */
  record Unpacked(JsonNode manifest, JsonNode config, Path root) {
    JsonNode containerConfig() {
      return config.path("config");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void configurationRunsTheCommandAsANonRootUserOnItsPorts(Expected expected) throws Exception {
    Unpacked image = unpack(expected.image());
    assertEquals("continuity/" + expected.image() + ":0.1.0-SNAPSHOT", image.manifest().path("RepoTags").path(0).asText());
    JsonNode config = image.containerConfig();

    List<String> entrypoint = strings(config.path("Entrypoint"));
    List<String> wanted = new ArrayList<>(JVM);
    wanted.addAll(expected.command());
    assertEquals(wanted, entrypoint, "entrypoint");
    assertTrue(config.path("Cmd").isMissingNode() || config.path("Cmd").isNull() || config.path("Cmd").isEmpty(),
        "no Cmd to append to the entrypoint: " + config.path("Cmd"));

    String user = config.path("User").asText();
    assertTrue(user.matches("\\d+:\\d+"), "a numeric uid:gid (Kubernetes' runAsNonRoot can only check numbers): " + user);
    assertNotEquals(0, Integer.parseInt(user.split(":")[0]), "not root");
    assertNotEquals(0, Integer.parseInt(user.split(":")[1]), "not root's group");

    assertEquals(expected.ports(), new TreeSet<>(fieldNames(config.path("ExposedPorts"))), "exposed ports");

    JsonNode labels = config.path("Labels");
    assertEquals(expected.image(), labels.path("org.opencontainers.image.title").asText());
    assertEquals(expected.image().substring("continuity-".length()), labels.path("dev.continuity.component").asText());
    assertEquals("0.1.0-SNAPSHOT", labels.path("org.opencontainers.image.version").asText());

    Map<String, String> env = env(config);
    assertEquals("/etc/continuity/runbooks", env.get("CONTINUITY_CONFIG"));
    assertEquals("9464", env.get("CONTINUITY_METRICS_PORT"));
    assertEquals("/var/lib/continuity", config.path("WorkingDir").asText());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void fileSystemHoldsTheRuntimeTheProgramAndTheRunbooks(Expected expected) throws Exception {
    Unpacked image = unpack(expected.image());
    Path root = image.root();
    Path java = root.resolve("opt/java/openjdk/bin/java");
    assertTrue(Files.isRegularFile(java), "the entrypoint's java is in the image");
    assertTrue(Files.getPosixFilePermissions(java).contains(PosixFilePermission.OTHERS_EXECUTE), "java is executable by the image's user");

    String classpath = Files.readString(root.resolve("app/jib-classpath-file"), StandardCharsets.UTF_8).trim();
    List<String> jars = List.of(classpath.split(":"));
    assertTrue(jars.contains("/app/libs/continuity-cli.jar"), "the CLI is on the classpath: " + classpath);
    assertTrue(jars.stream().anyMatch(j -> j.matches("/app/libs/jackson-databind-.*\\.jar")), "compile dependencies are not lost");
    for (String jar : jars) {
      if (jar.endsWith(".jar")) assertTrue(Files.isRegularFile(root.resolve(jar.substring(1))), "on the classpath and in the image: " + jar);
    }

    assertTrue(Files.isRegularFile(root.resolve("etc/continuity/runbooks/inventory.yaml")), "the shipped inventory");
    Set<PosixFilePermission> state = Files.getPosixFilePermissions(root.resolve("var/lib/continuity"));
    assertTrue(state.contains(PosixFilePermission.OTHERS_WRITE), "the working directory is writable by a non-root uid: " + state);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void entrypointStartsTheCommandInsideTheImage(Expected expected) throws Exception {
    Unpacked image = unpack(expected.image());
    List<String> args = new ArrayList<>(strings(image.containerConfig().path("Entrypoint")));
    args.add("--help");
    Result run = runInImage(image, args);
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains(expected.usage()), run.output());
  }

  @Test
  void shippedRunbooksValidateInsideTheWorkerImage() throws Exception {
    Unpacked image = unpack("continuity-worker");
    List<String> args = new ArrayList<>(JVM);
    args.add("validate");
    Result run = runInImage(image, args);
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("/etc/continuity/runbooks: valid"), run.output());
    assertFalse(run.output().contains("Exception"), run.output());
  }

  // ---- unpacking and running ----

  private static synchronized Unpacked unpack(String name) throws IOException, InterruptedException {
    Unpacked known = unpacked.get(name);
    if (known != null) return known;
    Path tar = Path.of(System.getProperty("continuity.image.dir", "target")).resolve("jib-" + name + ".tar");
    assertTrue(Files.isRegularFile(tar), "the image tar was built: " + tar);
    Path dir = Files.createDirectories(scratch.resolve(name));
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    tar(tar, blobs);
    JsonNode manifest = JSON.readTree(blobs.resolve("manifest.json").toFile()).path(0);
    JsonNode config = JSON.readTree(blobs.resolve(manifest.path("Config").asText()).toFile());
    Path root = Files.createDirectories(dir.resolve("root"));
    JsonNode layers = manifest.path("Layers");
    assertFalse(layers.isEmpty(), "the image has layers");
    for (JsonNode layer : layers) tar(blobs.resolve(layer.asText()), root);
    Unpacked result = new Unpacked(manifest, config, root);
    unpacked.put(name, result);
    return result;
  }

  private static void tar(Path archive, Path into) throws IOException, InterruptedException {
    Result r = run(List.of("tar", "--numeric-owner", "--warning=no-unknown-keyword", "-xpf", archive.toString(), "-C", into.toString()),
        Map.of(), 120);
    assertEquals(0, r.exit(), "unpacking " + archive + ": " + r.output());
  }

  record Result(int exit, String output) {}

  /**
   * Runs a command as the image's user, chrooted into the image's unpacked file system with /proc
   * mounted (in a mount and pid namespace of its own), with only the image's environment.
   */
  private static Result runInImage(Unpacked image, List<String> command) throws IOException, InterruptedException {
    assumeTrue(canChroot() || "true".equals(System.getenv("CI")),
        "running the entrypoint needs root and unshare (it always runs under CI)");
    String user = image.containerConfig().path("User").asText();
    Path root = image.root();
    // sh -c SCRIPT root user command...: the mount stays inside the new mount namespace (private propagation).
    List<String> args = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--", "sh", "-c",
        "root=\"$0\"; user=\"$1\"; shift; mount -t proc proc \"$root/proc\" && exec chroot --userspec=\"$user\" \"$root\" \"$@\"",
        root.toString(), user));
    args.addAll(command);
    return run(args, env(image.containerConfig()), 120);
  }

  private static boolean canChroot() {
    try {
      Result id = run(List.of("id", "-u"), Map.of("PATH", "/usr/bin:/bin"), 10);
      return id.exit() == 0 && id.output().trim().equals("0") && run(List.of("unshare", "--version"), Map.of("PATH", "/usr/bin:/bin"), 10).exit() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static Result run(List<String> command, Map<String, String> env, int seconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (!env.isEmpty()) {
      pb.environment().clear();
      pb.environment().putAll(env);
      // The host's tools (unshare, mount, chroot) are found on the image's PATH, which names the usual folders.
      pb.environment().putIfAbsent("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    }
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out after " + seconds + " s: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static Map<String, String> env(JsonNode config) {
    Map<String, String> env = new HashMap<>();
    for (JsonNode e : config.path("Env")) {
      String s = e.asText();
      int eq = s.indexOf('=');
      env.put(s.substring(0, eq), s.substring(eq + 1));
    }
    return env;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
