package dev.continuity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParentCommand;

/**
 * The local ARM emulator as its own process: start it beside a worker, take a region down, inject
 * faults, read the journal of every change it applied.
 */
@Command(name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
        "A local emulator of the Azure Resource Manager endpoints Continuity's actions call, seeded from the "
            + "inventory: regions can be taken down, replication lags, long operations take (scaled) realistic "
            + "time, transient faults can be injected, and every change is journaled.",
        "A worker uses it when CONTINUITY_ARM_ENDPOINT names it (it is then also the probe relay)."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {"0:done", "1:the emulator could not be reached or started", ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity emulator start --port 8765 --state .continuity/emulator.json --time-scale 0.01",
        "  CONTINUITY_ARM_ENDPOINT=http://127.0.0.1:8765 continuity worker",
        "  continuity emulator outage --region eastus2",
        "  continuity emulator faults --rate 0.1",
        "  continuity emulator journal --json"},
    subcommands = {
        EmulatorCommand.Start.class,
        EmulatorCommand.Outage.class,
        EmulatorCommand.Restore.class,
        EmulatorCommand.Faults.class,
        EmulatorCommand.Journal.class})
final class EmulatorCommand extends ContinuityCommand {
  static final String DEFAULT_URL = "http://127.0.0.1:8765";

  @Option(names = "--emulator", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "The running emulator (default: $CONTINUITY_ARM_ENDPOINT, else " + DEFAULT_URL + ").")
  String url;

  @Override
  public Integer call() {
    spec.commandLine().usage(err());
    return ExitCodes.USAGE;
  }

  String url() {
    if (url != null) return url;
    String env = root.env("CONTINUITY_ARM_ENDPOINT");
    return env != null && !env.isBlank() ? env : DEFAULT_URL;
  }

  /** Shared by the control subcommands: they talk to a running emulator. */
  abstract static class Control extends OutputCommand {
    @ParentCommand EmulatorCommand parent;

    EmulatorClient client() {
      return new EmulatorClient(parent.url());
    }

    void print(JsonNode answer, String summary) {
      out().println(summary);
      out().flush();
    }
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Starts the emulator in the foreground, seeded from the inventory (or from --state), until Ctrl-C.")
  static final class Start extends OutputCommand {
    @ParentCommand EmulatorCommand parent;

    @Option(names = "--port", defaultValue = "8765", description = "Port to listen on (0 = any free port; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
        description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 in a container that workers reach over the network).")
    String host;

    @Option(names = "--state", paramLabel = "FILE",
        description = "Keep the estate in FILE across restarts (loaded if present, written after every change).")
    Path state;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "0.01",
        description = "Factor on Azure's realistic operation durations (default ${DEFAULT-VALUE}: a 15-minute storage "
            + "failover takes 9 s; 0 = instant).")
    double timeScale;

    @Override
    public Integer call() throws EstateException {
      if (timeScale < 0) throw new UsageException("--time-scale must be 0 or more, got " + timeScale);
      Estate estate = parent.loadEstate();
      ArmEmulator emulator;
      try {
        emulator = ArmEmulator.start(host, port, state, timeScale, estate.inventory());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        emulator.stop();
        stopped.countDown();
      }, "emulator-shutdown"));
      out().println("ARM emulator on " + emulator.baseUrl() + " (time scale " + timeScale
          + (state == null ? ", state in memory" : ", state in " + state) + ")");
      out().println("Point a worker at it:  CONTINUITY_ARM_ENDPOINT=" + emulator.baseUrl() + " continuity worker");
      out().println("Stop with Ctrl-C.");
      out().flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "outage", mixinStandardHelpOptions = true,
      description = "Takes a region down: its resources fail their control and data planes and health probes.")
  static final class Outage extends Control {
    @Option(names = "--region", required = true, description = "e.g. eastus2") String region;

    @Override
    public Integer call() {
      print(client().outage(region), "region " + region + " is down");
      return ExitCodes.OK;
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true, description = "Brings a region back up.")
  static final class Restore extends Control {
    @Option(names = "--region", required = true, description = "e.g. eastus2") String region;

    @Override
    public Integer call() {
      print(client().restore(region), "region " + region + " is up");
      return ExitCodes.OK;
    }
  }

  @Command(name = "faults", mixinStandardHelpOptions = true,
      description = "Injects transient faults (429 with Retry-After, 500, dropped connections) into a share of ARM calls.")
  static final class Faults extends Control {
    @Option(names = "--rate", required = true, paramLabel = "P", description = "Share of calls that fail, 0..1 (0 turns faults off).")
    double rate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the fault sequence, for reproducible runs (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
      if (rate < 0 || rate > 1) throw new UsageException("--rate must be between 0 and 1, got " + rate);
      print(client().faults(rate, seed), "fault rate " + rate + " (seed " + seed + ")");
      return ExitCodes.OK;
    }
  }

  @Command(name = "journal", mixinStandardHelpOptions = true, description = "Lists every change the emulator applied, oldest first.")
  static final class Journal extends Control {
    @Option(names = "--json", description = "As JSON.") boolean json;

    @Override
    public Integer call() {
      if (json) {
        printJson(client().journal());
      } else {
        out().print(client().journalText());
        out().flush();
      }
      return ExitCodes.OK;
    }
  }
}
