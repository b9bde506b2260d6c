package dev.continuity.starter;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.PlanCompiler;
import dev.continuity.model.config.Problem;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory and runbooks a long-running starter acts on, with every stamp's failover compiled,
 * kept current with the files: when they change, the new version is loaded, validated and compiled
 * completely before it replaces the old one. A bad edit keeps the old version in force and logs
 * its problems, once per edit; an alert during a half-saved edit therefore still starts the last
 * good failover. Checks are cheap (a digest of a dozen small files) and happen at most every
 * {@code checkEvery}, on use; {@link #reload()} checks at once (the server's reload endpoint).
 */
public final class LiveEstate {
  private static final Logger log = LoggerFactory.getLogger(LiveEstate.class);

  /** One consistent version: the estate and its compiled failovers, by stamp. */
  public record Version(Estate estate, Map<String, Plan> failovers, Map<String, String> failoverProblems, long generation) {}

  /** What a reload found: whether the files changed, and the problems that kept the old version. */
  public record ReloadResult(boolean changed, boolean swapped, long generation, List<Problem> problems) {}

  private final Path dir;
  private final long checkEveryNanos;
  private volatile Version current;
  private volatile long checkedAtNanos;
  private String digest;

  private LiveEstate(Path dir, Duration checkEvery, Version first, String digest) {
    this.dir = dir;
    this.checkEveryNanos = checkEvery.toNanos();
    this.current = first;
    this.digest = digest;
    this.checkedAtNanos = System.nanoTime();
  }

  /** Loads {@code dir}; throws with its problems when the first version is already bad. */
  public static LiveEstate load(Path dir, Duration checkEvery) throws EstateException {
    String digest = digest(dir);
    return new LiveEstate(dir, checkEvery, compile(Estate.load(dir), 1), digest);
  }

  /** An estate that never changes (tests, one-shot commands). */
  public static LiveEstate fixed(Estate estate) {
    return new LiveEstate(null, Duration.ofDays(365), compile(estate, 1), null);
  }

  /** The version in force, after a check of the files if the last one is older than {@code checkEvery}. */
  public Version current() {
    long now = System.nanoTime();
    if (dir != null && now - checkedAtNanos >= checkEveryNanos) {
      // Concurrent callers skip the check one of them is making (a benign race at worst checks twice).
      checkedAtNanos = now;
      reload();
    }
    return current;
  }

  /** Checks the files now; swaps in a changed version only when it loads and compiles without problems. */
  public synchronized ReloadResult reload() {
    checkedAtNanos = System.nanoTime();
    if (dir == null) return new ReloadResult(false, false, current.generation(), List.of());
    String now;
    try {
      now = digest(dir);
    } catch (UncheckedIOException e) {
      log.warn("cannot read the configuration in {} ({}); keeping version {}", dir, e.getCause().toString(), current.generation());
      return new ReloadResult(true, false, current.generation(), List.of(new Problem(dir.toString(), 0, null, e.getCause().toString())));
    }
    if (now.equals(digest)) return new ReloadResult(false, false, current.generation(), List.of());
    digest = now;
    Estate estate;
    try {
      estate = Estate.load(dir);
    } catch (EstateException e) {
      log.warn("the configuration in {} changed but has {} problem(s); keeping version {} in force:\n{}", dir, e.problems().size(),
          current.generation(), e.problems().stream().map(Problem::toString).reduce((a, b) -> a + "\n" + b).orElse(""));
      return new ReloadResult(true, false, current.generation(), e.problems());
    }
    Version next = compile(estate, current.generation() + 1);
    // A failover that compiled before and no longer does is a bad edit: the old one stays in force.
    List<Problem> problems = new ArrayList<>();
    next.failoverProblems().forEach((stamp, p) -> {
      if (!current.failoverProblems().containsKey(stamp)) problems.add(new Problem(dir.toString(), 0, null, "stamp " + stamp + ": " + p));
    });
    if (!problems.isEmpty()) {
      log.warn("the configuration in {} changed but a failover does not compile; keeping version {} in force: {}", dir,
          current.generation(), next.failoverProblems());
      return new ReloadResult(true, false, current.generation(), problems);
    }
    current = next;
    log.info("configuration in {} reloaded: version {} ({} stamps)", dir, next.generation(), estate.inventory().stamps().size());
    return new ReloadResult(true, true, next.generation(), List.of());
  }

  private static Version compile(Estate estate, long generation) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (Stamp s : estate.inventory().stamps()) {
      if (estate.runbookFor(s.name(), Mode.FAILOVER) == null) continue;
      try {
        plans.put(s.name(), PlanCompiler.compile(estate, s.name(), Mode.FAILOVER));
      } catch (EstateException e) {
        problems.put(s.name(), "the failover runbook does not compile: " + e.getMessage());
      }
    }
    return new Version(estate, Map.copyOf(plans), Map.copyOf(problems), generation);
  }

  /** A digest of every YAML file's path and content: a change of any of them is a new version. */
  private static String digest(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList()) {
        sha.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(f));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
