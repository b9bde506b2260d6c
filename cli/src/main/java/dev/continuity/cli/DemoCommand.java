package dev.continuity.cli;

import dev.continuity.activities.ActivitiesConfig;
import dev.continuity.activities.notify.WebhookNotifications;
import dev.continuity.activities.report.ReportStore;
import dev.continuity.emulator.ArmEmulator;
import dev.continuity.emulator.EmulatorClient;
import dev.continuity.model.Json;
import dev.continuity.model.config.Estate;
import dev.continuity.model.config.EstateException;
import dev.continuity.model.config.Problem;
import dev.continuity.model.estate.Severity;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.operation.ApprovalRequest;
import dev.continuity.model.operation.DecisionRequest;
import dev.continuity.model.operation.OperationTicket;
import dev.continuity.model.operation.Outcome;
import dev.continuity.model.operation.StepDecision;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.timeline.StepRecord;
import dev.continuity.model.timeline.StepState;
import dev.continuity.starter.OperationControl;
import dev.continuity.starter.OperationOrder;
import dev.continuity.starter.OperationStarter;
import dev.continuity.starter.OperationStatus;
import dev.continuity.starter.StartOutcome;
import dev.continuity.starter.TemporalSession;
import dev.continuity.starter.codec.PayloadKeys;
import dev.continuity.worker.ContinuityWorker;
import dev.continuity.worker.ProductionActivities;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default: a whole failover on this machine with no Azure subscription and no
 * Temporal cluster. The same workflows, actions (through the real Azure SDK clients) and report
 * run as in production; only Azure Resource Manager is the local emulator.
 */
@Command(name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Fails a stamp over end to end on this machine: starts the ARM emulator (seeded from the inventory), a local "
            + "Temporal (the Temporal CLI dev server with its Web UI when installed, else the in-process test server) and "
            + "a worker; takes the stamp's primary region down; raises an alert; waits for the approval; shows the steps "
            + "live; writes report.md and timeline.json.",
        "Approve at the prompt, or from the Web UI or another shell as the hints say.",
        "With --attach it starts nothing: it runs against a running Temporal (--temporal or $TEMPORAL_ADDRESS), its "
            + "workers and a running emulator (--emulator), e.g. those of docker/compose.yaml."},
    exitCodeListHeading = ExitCodes.HEADING,
    exitCodeList = {
        "0:the failover succeeded; the report is in the out directory",
        "1:the failover failed or was aborted (the report says what state the estate was left in)",
        ExitCodes.HELP_USAGE},
    footerHeading = "%nExamples:%n",
    footer = {
        "  continuity demo",
        "  continuity demo --approve auto --out /tmp/dr",
        "  continuity demo --stamp web-api --severity Sev2 --keep",
        "  docker compose -f docker/compose.yaml up -d && continuity demo --attach --approve auto"})
final class DemoCommand extends ContinuityCommand {

  enum Approve { auto, prompt }

  @Option(names = "--stamp", paramLabel = "STAMP", description = "The stamp to fail over (default: the inventory's first).")
  String stamp;

  @Option(names = "--approve", defaultValue = "prompt", paramLabel = "auto|prompt",
      description = "prompt (default): ask here, or answer from the Web UI or CLI; auto: approve every gate as an allowed approver.")
  Approve approve;

  @Option(names = "--out", defaultValue = "continuity-out", paramLabel = "DIR",
      description = "Where report.md, timeline.json and the emulator's journal go (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--severity", defaultValue = "Sev1", converter = SeverityConverter.class, paramLabel = "SEV",
      description = "Severity of the alert (default ${DEFAULT-VALUE}; the stamp's policy decides if approval is needed).")
  Severity severity;

  @Option(names = "--time-scale", defaultValue = "0.01", paramLabel = "X",
      description = "Factor on Azure's realistic operation durations (default ${DEFAULT-VALUE}: a 15-minute storage failover takes 9 s).")
  double timeScale;

  @Option(names = "--as", paramLabel = "IDENTITY", description = "Who approves (default: the first approver the gate allows).")
  String as;

  @Option(names = "--keep", description = "Keep the emulator, Temporal and the worker running afterwards (to look at the Web UI) until Ctrl-C.")
  boolean keep;

  @Option(names = "--attach",
      description = "Use a running Temporal with its workers and a running emulator (docker compose up) instead of starting them.")
  boolean attach;

  @Option(names = "--emulator", paramLabel = "URL",
      description = "With --attach: the running emulator (default: $CONTINUITY_ARM_ENDPOINT, else " + EmulatorCommand.DEFAULT_URL + ").")
  String emulatorUrl;

  @Override
  public Integer call() throws Exception {
    if (!attach && emulatorUrl != null) throw new UsageException("--emulator is for --attach (the demo otherwise starts its own)");
    if (attach && keep) throw new UsageException("--keep is for the embedded demo (with --attach nothing is started here)");
    if (timeScale < 0) throw new UsageException("--time-scale must be 0 or more, got " + timeScale);
    Estate estate = loadEstate();
    Stamp s = stamp == null ? estate.inventory().stamps().get(0) : estate.inventory().stamp(stamp);
    if (s == null) {
      throw new EstateException(new Problem(null, 0, null, "unknown stamp '" + stamp + "' (known: "
          + String.join(", ", estate.inventory().stamps().stream().map(Stamp::name).toList()) + ")"));
    }
    Plan plan = root.configSource().compile(estate, s.name(), Mode.FAILOVER);
    Files.createDirectories(out);
    if (attach) return attached(s, plan);
    // Each demo starts from the inventory's estate: the previous run's emulator state and Temporal
    // database (which remembers the stamp's active region and cooldown) are this command's scratch.
    clearPreviousRun();
    say("Continuity demo: failover of stamp " + s.name() + " (" + s.primaryRegion() + " -> " + s.secondaryRegion()
        + "), " + plan.steps().size() + " steps, on the embedded default.");

    try (ArmEmulator emulator = ArmEmulator.start(0, out.resolve("emulator-state.json"), timeScale, estate.inventory())) {
      say("[1/6] ARM emulator on " + emulator.baseUrl() + " (time scale " + timeScale + ")");
      PayloadKeys keys = payloadKeys();
      try (LocalTemporal temporal = LocalTemporal.start(root.env("TEMPORAL_CLI"), out.resolve("temporal"), keys)) {
        say("[2/6] " + temporal.description() + "; payloads encrypted with key '" + keys.currentId() + "' ("
            + (root.connection().payloadKeys() != null ? "configured" : out.resolve(DEMO_KEY_FILE) + ", for the Web UI: "
            + PayloadKeys.KEY_FILE + "=" + out.resolve(DEMO_KEY_FILE) + " continuity codec-server") + ")");
        TemporalSession session = temporal.session();
        // notices (CONTINUITY_NOTIFY_*) link to this demo's own Web UI (none on the in-process
        // server), not to whatever TEMPORAL_UI_URL points at
        java.util.function.Function<String, String> env = name ->
            name.equals(WebhookNotifications.WEB_UI_ENV) || name.equals("TEMPORAL_UI_URL") ? null : root.env(name);
        List<Object> activities = ProductionActivities.create(
            ActivitiesConfig.emulator(URI.create(emulator.baseUrl()), timeScale), out.resolve("reports"),
            env, temporal.uiUrl(), session.namespace());
        try (ContinuityWorker worker = new ContinuityWorker(session.client(), root.workflows(), activities)) {
          worker.start();
          say("[3/6] worker polling with " + worker.workflows().size() + " workflow types and " + activities.size()
              + " activity implementations (the production ones, pointed at the emulator)");

          int code = failover(session, emulator.baseUrl(), s, plan);
          if (keep) {
            say("Still running: " + temporal.description() + "; emulator " + emulator.baseUrl() + ". Ctrl-C to stop.");
            new CountDownLatch(1).await();
          }
          return code;
        }
      }
    }
  }

  /** The demo against what runs already (docker/compose.yaml): the emulator, Temporal and its workers. */
  private int attached(Stamp s, Plan plan) throws Exception {
    String url = emulatorUrl != null ? emulatorUrl : root.env("CONTINUITY_ARM_ENDPOINT");
    if (url == null || url.isBlank()) url = EmulatorCommand.DEFAULT_URL;
    say("Continuity demo: failover of stamp " + s.name() + " (" + s.primaryRegion() + " -> " + s.secondaryRegion()
        + "), " + plan.steps().size() + " steps, on a running Temporal and emulator.");
    EmulatorClient emulator = new EmulatorClient(url);
    int resources = emulator.state().path("resources").size();
    say("[1/6] ARM emulator at " + url + " (attached, " + resources + " resources)");
    try (TemporalSession session = root.connect()) {
      say("[2/6] Temporal at " + session.connection().address() + " (attached, namespace " + session.namespace() + ")");
      say("[3/6] workers: the ones polling task queue '" + dev.continuity.workflows.ContinuityNames.TASK_QUEUE
          + "' there (they must use this emulator: CONTINUITY_ARM_ENDPOINT)");
      return failover(session, url, s, plan);
    }
  }

  /** Takes the primary down, raises the alert, follows the failover to its end and writes what it produced. */
  private int failover(TemporalSession session, String emulatorUrl, Stamp s, Plan plan) throws Exception {
    new EmulatorClient(emulatorUrl).outage(s.primaryRegion());
    say("[4/6] outage: region " + s.primaryRegion() + " is down");

    long now = System.currentTimeMillis();
    String alert = "demo-" + now;
    OperationOrder order = new OperationOrder(s.name(), Mode.FAILOVER, severity, false,
        "Azure Monitor alert " + alert + ": " + s.name() + " unavailable in " + s.primaryRegion(),
        "alert:azure-monitor", "alert:" + alert, now);
    StartOutcome started = new OperationStarter(session.client())
        .request(OperationStarter.settingsFor(s), OperationStarter.requestFor(plan, order));
    if (started instanceof StartOutcome.Refused refused) {
      err().println("continuity: the stamp refused the failover: " + refused.reason());
      return ExitCodes.FAILED;
    }
    OperationTicket ticket = ((StartOutcome.Accepted) started).ticket();
    say("[5/6] alert " + alert + " (" + severity + ") raised: failover " + ticket.operationId() + " started");

    OperationStatus end = follow(session, plan, ticket.operationId());
    return finish(end, emulatorUrl, session, s);
  }

  /** Where the demo keeps the payload key it generates when none is configured; kept across runs. */
  static final String DEMO_KEY_FILE = "payload.key";

  /**
   * The keys the worker and every client use: the configured ones ({@link PayloadKeys#KEY} or
   * {@link PayloadKeys#KEY_FILE}), else the demo's own key, generated once into the out directory.
   */
  private PayloadKeys payloadKeys() throws IOException {
    PayloadKeys configured = root.connection().payloadKeys();
    if (configured != null) return configured;
    Path file = out.resolve(DEMO_KEY_FILE);
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new java.security.SecureRandom().nextBytes(key);
      Files.writeString(file, "# the continuity demo's payload key (AES-256), id then base64 key\ndemo "
          + java.util.Base64.getEncoder().encodeToString(key) + "\n");
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // the file system has no POSIX permissions: the key stays as readable as the out directory
      }
    }
    return PayloadKeys.fromFile(file);
  }

  private void clearPreviousRun() throws IOException {
    Files.deleteIfExists(out.resolve("emulator-state.json"));
    Path temporal = out.resolve("temporal");
    if (Files.isDirectory(temporal)) {
      try (var files = Files.walk(temporal)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
      }
    }
  }

  /** Shows the steps until the operation ends, answering gates and failed steps as --approve says. */
  private OperationStatus follow(TemporalSession session, Plan plan, String operationId) throws InterruptedException {
    OperationControl control = new OperationControl(session.client());
    LiveView view = new LiveView(out(), false, root.pollInterval(), session.connection());
    DemoApprovals input = new DemoApprovals(root.stdin());
    Map<String, Integer> retried = new HashMap<>();
    String asking = null;
    while (true) {
      OperationStatus status = control.status(operationId);
      view.show(status);
      if (!status.running()) return status;
      StepRecord waiting = waitingStep(status, StepState.AWAITING_APPROVAL);
      if (waiting != null && approve == Approve.auto) {
        String who = approver(plan, waiting.id);
        report(control.approve(operationId, new ApprovalRequest(waiting.id, true, who, "continuity demo --approve auto")),
            "approved " + waiting.id + " as " + who);
      } else if (waiting != null) {
        if (!waiting.id.equals(asking)) {
          asking = waiting.id;
          say("Approve step " + waiting.id + " as " + approver(plan, waiting.id) + "? [y]es / [n]o (reject): ");
        }
        String answer = input.poll();
        if (DemoApprovals.END.equals(answer)) {
          say("(no more input here: answer from the Web UI or another shell, as shown above)");
        } else if (answer != null) {
          Boolean yes = DemoApprovals.meaning(answer);
          if (yes == null) {
            say("Please answer y or n.");
          } else {
            String who = approver(plan, waiting.id);
            report(control.approve(operationId, new ApprovalRequest(waiting.id, yes, who, "answered at the demo prompt")),
                (yes ? "approved " : "rejected ") + waiting.id + " as " + who);
            asking = null;
          }
        }
      } else {
        asking = null;
      }
      StepRecord failed = waitingStep(status, StepState.AWAITING_DECISION);
      if (failed != null && approve == Approve.auto) {
        // Unattended: one more try (a transient fault may have outlasted the retries), then stop.
        StepDecision d = retried.merge(failed.id, 1, Integer::sum) <= 1 ? StepDecision.RETRY : StepDecision.ABORT;
        String who = as != null ? as : plan.knownApprovers().get(0);
        report(control.decide(operationId, new DecisionRequest(failed.id, d, who, "continuity demo --approve auto")),
            d.text() + " " + failed.id + " as " + who);
      }
      Thread.sleep(root.pollInterval().toMillis());
    }
  }

  private int finish(OperationStatus end, String emulatorUrl, TemporalSession session, Stamp s) throws IOException {
    EmulatorClient emu = new EmulatorClient(emulatorUrl);
    Files.writeString(out.resolve("journal.txt"), emu.journalText());
    if (end.result() == null) {
      err().println("continuity: the failover ended abnormally: " + end.failure());
      return ExitCodes.FAILED;
    }
    String active = new OperationControl(session.client()).stampState(s.name()).map(st -> st.activeRegion()).orElse("unknown");
    String location = end.result().reportLocation();
    // The store may be Blob Storage (CONTINUITY_REPORT_STORE) or a directory; attached, a directory may be
    // another machine's or container's: such a report is named, not read.
    boolean here = location != null
        && (location.startsWith("http://") || location.startsWith("https://") || Files.isRegularFile(Path.of(location)));
    if (here) {
      Files.write(out.resolve("report.md"), ReportStore.read(location, root::env));
      Files.write(out.resolve("timeline.json"), ReportStore.read(ReportStore.sibling(location, "timeline.json"), root::env));
    } else {
      Files.writeString(out.resolve("timeline.json"), Json.MAPPER.writeValueAsString(end.timeline()));
    }
    int changes = emu.journal().path("entries").size();
    say("[6/6] " + end.result().summary());
    say("      stamp " + s.name() + " is active in " + active + "; the emulator journaled " + changes + " entries ("
        + out.resolve("journal.txt") + ")");
    say("      report: " + (here ? out.resolve("report.md")
            : location != null ? location + " (on the worker)" : "not written (see the timeline)")
        + ", timeline: " + out.resolve("timeline.json"));
    return end.result().outcome() == Outcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private String approver(Plan plan, String stepId) {
    if (as != null) return as;
    PlanStep step = plan.step(stepId);
    if (step != null && step.approval() != null && !step.approval().allowed().isEmpty()) return step.approval().allowed().get(0);
    return plan.knownApprovers().get(0);
  }

  private static StepRecord waitingStep(OperationStatus status, StepState state) {
    if (status.timeline() == null) return null;
    return status.timeline().steps.stream().filter(x -> x.state == state).findFirst().orElse(null);
  }

  private void report(dev.continuity.starter.UpdateOutcome outcome, String what) {
    say(outcome.accepted() ? "      " + what : "      refused (" + what + "): " + outcome.message());
  }

  private void say(String line) {
    out().println(line);
    out().flush();
  }
}
