package dev.continuity.cli;

import dev.continuity.cli.bench.Benchmark;
import dev.continuity.model.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measures the orchestration on a real Temporal dev server and the ARM emulator.",
        "Starts its own dev server (the Temporal CLI: --temporal-cli or $TEMPORAL_CLI) and emulator, runs a worker "
            + "with the production activities (in this JVM, then as worker processes), and prints a markdown table "
            + "(JSON to --out): per-step overhead over a chain of steps, the ai-platform failover against its critical "
            + "path and run one step after another, a replacement worker process's time to the next step after a "
            + "kill -9, and concurrent drills of the shipped web-api drill runbook (on copies of the stamp) with the "
            + "worker process's memory."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:measured", "1:a run failed", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {"  continuity bench --out bench.json", "  continuity bench --chain 10 --drills 5",
        "  continuity bench --only concurrentDrills --drills 200"})
final class BenchCommand extends ContinuityCommand {
  @Option(names = "--chain", defaultValue = "50", paramLabel = "N", description = "Steps in the chain (default ${DEFAULT-VALUE}).")
  int chain;

  @Option(names = "--drills", defaultValue = "200", paramLabel = "N", description = "Concurrent drills (default ${DEFAULT-VALUE}).")
  int drills;

  @Option(names = "--time-scale", defaultValue = "0.01", paramLabel = "F",
      description = "Emulator time scale for long Azure operations (default ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(names = "--only", split = ",", paramLabel = "MEASURE",
      description = "Run only these measures (comma-separated): chain, failover, replacementWorker, concurrentDrills, detection. "
          + "Default: all.")
  List<String> only = List.of();

  @Option(names = "--out", paramLabel = "FILE", description = "Write the figures as JSON here.")
  Path out;

  @Option(names = "--temporal-cli", paramLabel = "PATH", description = "The Temporal CLI binary (default: $TEMPORAL_CLI).")
  String temporalCli;

  @Override
  public Integer call() throws Exception {
    String cli = temporalCli != null ? temporalCli : root.env("TEMPORAL_CLI");
    if (cli == null || !Files.isExecutable(Path.of(cli))) {
      throw new UsageException("bench needs the Temporal CLI: give --temporal-cli PATH or set TEMPORAL_CLI (scripts/temporal-cli.sh prints it)");
    }
    if (chain < 2 || drills < 1) throw new UsageException("--chain must be at least 2 and --drills at least 1");
    for (String m : only) {
      if (!Benchmark.MEASURES.contains(m)) {
        throw new UsageException("--only: no measure " + m + "; the measures are " + String.join(", ", Benchmark.MEASURES));
      }
    }
    Map<String, Map<String, Object>> results;
    try (Benchmark b = new Benchmark(cli, root.configDir(), new Benchmark.Settings(chain, drills, timeScale, java.util.Set.copyOf(only)))) {
      results = b.run();
    }
    out().println("| measure | value |");
    out().println("| --- | --- |");
    results.forEach((group, values) -> values.forEach((k, v) -> out().println("| " + group + "." + k + " | " + v + " |")));
    out().flush();
    if (out != null) Files.writeString(out, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    List<String> failed = results.entrySet().stream().filter(e -> e.getValue().containsKey("error")).map(Map.Entry::getKey).toList();
    if (!failed.isEmpty()) {
      err().println("continuity: bench: " + String.join(", ", failed) + " failed (see the table)");
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }
}
