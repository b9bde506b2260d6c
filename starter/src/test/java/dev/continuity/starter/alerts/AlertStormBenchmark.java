package dev.continuity.starter.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.continuity.model.config.Estate;
import dev.continuity.model.estate.Severity;
import dev.continuity.starter.SearchAttributeSetup;
import dev.continuity.workflows.ContinuityNames;
import dev.continuity.workflows.Workflows;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert-storm benchmark (a harness, not a timed test: it runs only when asked):
 * 10,000 Resource Health events in Event Grid-sized batches of 50, about 3 stamps, posted by 8
 * concurrent senders to the alert server in front of the real stamp entities on the in-process
 * Temporal server. Prints a markdown table; the one assertion is that exactly 3 failovers start.
 *
 * <pre>mvn -B -q -pl starter -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AlertStormBenchmark -Dcontinuity.benchmark=true</pre>
 */
@EnabledIfSystemProperty(named = "continuity.benchmark", matches = "true")
class AlertStormBenchmark {
  private static final int EVENTS = 10_000;
  private static final int BATCH = 50;
  private static final int SENDERS = 8;
  private static final String SECRET = "benchmark-secret-0123456789";

  private static final String[] TARGETS = {
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai-platform/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-ai-platform",
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web-api/providers/Microsoft.Web/sites/app-web-api-eastus",
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web-api-eu/providers/Microsoft.Web/sites/app-web-api-eastus",
  };

  private static final String WARM_TARGET =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-web-api-warm/providers/Microsoft.Web/sites/app-web-api-eastus";

  @Test
  void alertStorm(@TempDir Path dir) throws Exception {
    Path config = threeStamps(dir);
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    SearchAttributeSetup.ATTRIBUTES.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(ContinuityNames.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(Workflows.implementationTypes());
    env.start();
    AlertDispatcher dispatcher = new AlertDispatcher(Estate.load(config), env.getWorkflowClient(), Duration.ofSeconds(30), 100_000);
    AlertServerOptions options = new AlertServerOptions("127.0.0.1", 0, null, AlertServerOptions.DEFAULT_MAX_BODY, 0, 1,
        new ResourceHealthEvents(Severity.Sev1));
    try (AlertServer server = AlertServer.start(options, new AlertAuthenticator(SECRET, null), dispatcher)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      // Warm-up, not measured: events about no stamp, then a storm about a fourth stamp (web-api-warm) that
      // starts its failover, so the path from alert to stamp entity has run once (class loading, JIT,
      // connections), as in a server that has been up for a while. The cold first start is measured too.
      run(server, http, 2_000, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.Web/sites/x", "warm");
      long coldStart = System.nanoTime();
      run(server, http, BATCH, WARM_TARGET, "cold");
      double coldMs = (System.nanoTime() - coldStart) / 1e6;
      run(server, http, 2_000, WARM_TARGET, "warm2");
      long before = server.counters().get("continuity_alert_operations_started_total");

      long cpu0 = processCpuNanos();
      long start = System.nanoTime();
      List<Long> latencies = run(server, http, EVENTS, null, "storm");
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuFirst = (processCpuNanos() - cpu0) / 1e6;
      long started = server.counters().get("continuity_alert_operations_started_total") - before;
      // The same storm again while the 3 failovers run: what every later alert of an outage costs.
      long cpu1 = processCpuNanos();
      long again = System.nanoTime();
      List<Long> steady = run(server, http, EVENTS, null, "again");
      double steadySeconds = (System.nanoTime() - again) / 1e9;
      double cpuSecond = (processCpuNanos() - cpu1) / 1e6;
      long startedAfter = server.counters().get("continuity_alert_operations_started_total") - before;

      String table = "| storm | events | batch | senders | events/s | p50 accept per batch (ms) | p99 accept per batch (ms) | CPU ms per 1,000 events (whole JVM) | operations started |\n"
          + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
          + row("first (stamps idle)", latencies, seconds, cpuFirst, started)
          + row("second (failovers running)", steady, steadySeconds, cpuSecond, startedAfter - started)
          + String.format("%nCold first start (one batch of %d about an idle stamp, first Temporal round trip of this JVM): %.0f ms; load average %.1f%n",
              BATCH, coldMs, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.println(table);
      Files.writeString(Path.of("target", "alert-storm.md"), table);
      assertEquals(3, started, "one failover per stamp");
      assertEquals(3, startedAfter, "the second storm joins them");
    } finally {
      env.close();
    }
  }

  private static String row(String name, List<Long> latencies, double seconds, double cpuMs, long started) {
    Collections.sort(latencies);
    return String.format("| %s | %d | %d | %d | %.0f | %.1f | %.1f | %.0f | %d |%n", name, EVENTS, BATCH, SENDERS, EVENTS / seconds,
        percentile(latencies, 50), percentile(latencies, 99), cpuMs * 1000 / EVENTS, started);
  }

  /** CPU time of this whole JVM (server, senders, in-process Temporal and worker): a figure the machine's load does not inflate. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Posts {@code events} events in batches; returns each batch's accept latency in nanoseconds. */
  private static List<Long> run(AlertServer server, HttpClient http, int events, String onlyTarget, String prefix) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<Long>> sent = new ArrayList<>();
      for (int b = 0; b < events / BATCH; b++) {
        String body = batch(b, onlyTarget, prefix);
        sent.add(pool.submit(() -> {
          HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/eventgrid"))
              .header(AlertAuthenticator.SECRET_HEADER, SECRET).POST(HttpRequest.BodyPublishers.ofString(body)).build();
          long t0 = System.nanoTime();
          HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
          long took = System.nanoTime() - t0;
          if (response.statusCode() != 200) throw new AssertionError(response.statusCode() + " " + response.body());
          return took;
        }));
      }
      List<Long> latencies = new ArrayList<>();
      for (Future<Long> f : sent) latencies.add(f.get());
      return latencies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String batch(int b, String onlyTarget, String prefix) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < BATCH; i++) {
      int n = b * BATCH + i;
      String target = onlyTarget != null ? onlyTarget : TARGETS[n % TARGETS.length];
      if (i > 0) out.append(',');
      out.append("{\"id\":\"").append(prefix).append('-').append(n).append("\",")
          .append("\"topic\":\"/subscriptions/00000000-0000-0000-0000-000000000000\",")
          .append("\"subject\":\"").append(target).append("\",")
          .append("\"eventType\":\"").append(ResourceHealthEvents.TYPE).append("\",")
          .append("\"dataVersion\":\"1\",\"metadataVersion\":\"1\",\"eventTime\":\"2026-11-21T15:00:00Z\",")
          .append("\"data\":{\"resourceInfo\":{\"id\":\"").append(target)
          .append("/providers/Microsoft.ResourceHealth/availabilityStatuses/current\",\"name\":\"current\",")
          .append("\"type\":\"Microsoft.ResourceHealth/availabilityStatuses\",\"properties\":{\"targetResourceId\":\"").append(target)
          .append("\",\"occurredTime\":\"2026-11-21T15:00:00Z\",\"previousAvailabilityState\":\"Available\",")
          .append("\"availabilityState\":\"Unavailable\"}},\"operationalInfo\":{\"resourceEventTime\":\"2026-11-21T15:00:00Z\"},")
          .append("\"apiVersion\":\"2023-12-01\"}}");
    }
    return out.append(']').toString();
  }

  private static double percentile(List<Long> sorted, int p) {
    int i = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  /** The shipped estate plus copies of web-api in their own resource groups: web-api-eu (stormed) and web-api-warm (warm-up). */
  private static Path threeStamps(Path dir) throws Exception {
    Path shipped = Path.of("..", "runbooks");
    Path config = dir.resolve("runbooks");
    Files.createDirectories(config.resolve("schema"));
    try (Stream<Path> files = Files.walk(shipped)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, config.resolve(shipped.relativize(f).toString()));
    }
    String inventory = Files.readString(config.resolve("inventory.yaml"));
    int from = inventory.indexOf("  - name: web-api");
    int to = inventory.indexOf("\n  - name:", from + 1);
    String block = to < 0 ? inventory.substring(from) : inventory.substring(from, to + 1);
    StringBuilder all = new StringBuilder(inventory + (inventory.endsWith("\n") ? "" : "\n"));
    for (String copyName : new String[] {"web-api-eu", "web-api-warm"}) {
      all.append(block.replace("name: web-api", "name: " + copyName).replace("rg-web-api/", "rg-" + copyName + "/"));
      for (String mode : new String[] {"failover", "failback", "drill"}) {
        Path runbook = config.resolve("web-api-" + mode + ".yaml");
        if (!Files.exists(runbook)) continue;
        Files.writeString(config.resolve(copyName + "-" + mode + ".yaml"), Files.readString(runbook)
            .replace("runbook: web-api-" + mode, "runbook: " + copyName + "-" + mode).replace("stamp: web-api\n", "stamp: " + copyName + "\n"));
      }
    }
    Files.writeString(config.resolve("inventory.yaml"), all.toString());
    return config;
  }
}
