package dev.continuity.model.config;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.estate.ApprovalPolicy;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.plan.ApprovalGate;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import dev.continuity.model.plan.ResourceRef;
import dev.continuity.model.plan.RetrySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compiles inventory + runbook + mode into a frozen Plan: placeholders substituted, defaults
 * applied, approver groups resolved to identities, levels and the critical path computed.
 *
 * <p>A drill is three phases in one DAG: "failover" (the failover steps, primary to secondary),
 * "validate" (the drill steps, run while the secondary serves) and "failback" (the failback steps,
 * secondary to primary). Each phase starts after every last step of the phase before it.
 */
public final class PlanCompiler {
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
  static final Duration LONG_RUNNING_TIMEOUT = Duration.ofMinutes(30);

  private PlanCompiler() {}

  /** One block of steps of a plan, with the direction its placeholders are resolved in. */
  private record Phase(String name, Mode stepsOf, Runbook runbook, String from, String to, String prefix) {}

  /** Throws when the stamp is unknown or has no runbook steps for the mode. */
  public static Plan compile(Estate estate, String stamp, Mode mode) throws EstateException {
    Inventory inv = estate.inventory();
    Stamp s = inv.stamp(stamp);
    if (s == null) {
      List<String> names = inv.stamps().stream().map(Stamp::name).toList();
      String near = Names.near(stamp, names);
      throw new EstateException(new Problem(estate.inventoryFile(), 0, null, "unknown stamp '" + stamp + "'"
          + (near == null ? "" : "; did you mean '" + near + "'?") + " (stamps: " + String.join(", ", names) + ")"));
    }
    if (mode == null) throw new EstateException(new Problem(estate.inventoryFile(), 0, null, "no mode given (modes: failover, failback, drill)"));
    String p = s.primaryRegion();
    String q = s.secondaryRegion();
    List<Phase> phases = new ArrayList<>();
    switch (mode) {
      case FAILOVER -> phases.add(new Phase("failover", Mode.FAILOVER, estate.runbookFor(stamp, Mode.FAILOVER), p, q, ""));
      case FAILBACK -> phases.add(new Phase("failback", Mode.FAILBACK, estate.runbookFor(stamp, Mode.FAILBACK), q, p, ""));
      case DRILL -> {
        phases.add(new Phase("failover", Mode.FAILOVER, estate.runbookFor(stamp, Mode.FAILOVER), p, q, "failover/"));
        Runbook validate = estate.runbookFor(stamp, Mode.DRILL);
        if (validate != null) phases.add(new Phase("validate", Mode.DRILL, validate, p, q, "validate/"));
        phases.add(new Phase("failback", Mode.FAILBACK, estate.runbookFor(stamp, Mode.FAILBACK), q, p, "failback/"));
      }
    }
    for (Phase phase : phases) {
      if (phase.runbook() == null) {
        throw new EstateException(new Problem(estate.inventoryFile(), 0, null, "stamp " + stamp + " has no runbook steps for "
            + phase.stepsOf().text() + (mode == Mode.DRILL ? " (a drill runs the failover steps, the drill steps if any, then the failback steps)" : "")
            + "; modes available for " + stamp + ": " + available(estate, stamp)));
      }
    }

    List<PlanStep> steps = new ArrayList<>();
    List<String> previousSinks = List.of();
    for (Phase phase : phases) {
      List<PlanStep> phaseSteps = phase(estate, s, phase, previousSinks);
      if (!phaseSteps.isEmpty()) {
        Map<String, List<String>> deps = new HashMap<>();
        phaseSteps.forEach(st -> deps.put(st.id(), st.dependsOn()));
        previousSinks = new StepGraph(phaseSteps.stream().map(PlanStep::id).toList(), deps).sinks();
      }
      steps.addAll(phaseSteps);
    }

    Map<String, List<String>> deps = new HashMap<>();
    Map<String, Duration> expected = new HashMap<>();
    Map<String, PlanStep> byId = new LinkedHashMap<>();
    for (PlanStep st : steps) {
      deps.put(st.id(), st.dependsOn());
      expected.put(st.id(), st.expected());
      byId.put(st.id(), st);
    }
    StepGraph graph = new StepGraph(steps.stream().map(PlanStep::id).toList(), deps);
    if (!graph.cycles().isEmpty()) {
      throw new EstateException(new Problem(phases.get(0).runbook().file(), 0, null,
          "dependsOn cycle: " + String.join(" -> ", graph.cycles().get(0))));
    }
    List<PlanStep> ordered = graph.order().stream().map(byId::get).toList();
    List<String> critical = graph.criticalPath(expected);
    Duration estimated = critical.stream().map(expected::get).reduce(Duration.ZERO, Duration::plus);

    String runbooks = phases.stream().map(ph -> ph.runbook().name()).distinct().collect(Collectors.joining(", "));
    String sources = phases.stream().map(ph -> ph.runbook().file()).distinct().collect(Collectors.joining(", "));
    // A drill reports the region it visits: it starts and ends in the primary.
    String from = mode == Mode.FAILBACK ? q : p;
    String to = mode == Mode.FAILBACK ? p : q;
    return new Plan(stamp, mode, runbooks, from, to, s.targets(), s.severityPolicy(), knownApprovers(estate),
        ordered, graph.levels(), critical, estimated, sources);
  }

  /** The modes {@code stamp} can run, for error messages. */
  static String available(Estate estate, String stamp) {
    List<String> modes = new ArrayList<>();
    boolean failover = estate.runbookFor(stamp, Mode.FAILOVER) != null;
    boolean failback = estate.runbookFor(stamp, Mode.FAILBACK) != null;
    if (failover) modes.add("failover");
    if (failback) modes.add("failback");
    if (failover && failback) modes.add("drill");
    return modes.isEmpty() ? "none (no runbook has steps for this stamp)" : String.join(", ", modes);
  }

  private static List<PlanStep> phase(Estate estate, Stamp stamp, Phase phase, List<String> previousSinks) throws EstateException {
    Map<String, String> vars = Placeholders.of(stamp.name(), phase.from(), phase.to(), stamp.primaryRegion(), stamp.secondaryRegion());
    String phaseName = phase.prefix().isEmpty() ? phase.stepsOf().text() : phase.name();
    List<PlanStep> out = new ArrayList<>();
    for (RunbookStep rs : phase.runbook().steps(phase.stepsOf())) {
      List<String> dependsOn = new ArrayList<>();
      for (String d : rs.dependsOn()) dependsOn.add(phase.prefix() + d);
      if (dependsOn.isEmpty()) dependsOn.addAll(previousSinks);
      ActionSpec spec = ActionCatalog.find(rs.action());
      if (rs.action() != null && spec == null) {
        throw new EstateException(new Problem(phase.runbook().file(), rs.line("action"), rs.id(), "unknown action '" + rs.action() + "'"));
      }
      ResourceRef target = null;
      if (rs.target() != null) {
        Resource r = stamp.resource(rs.target());
        if (r == null) {
          throw new EstateException(new Problem(phase.runbook().file(), rs.line("target"), rs.id(), "unknown target '" + rs.target()
              + "' in stamp " + stamp.name()));
        }
        target = new ResourceRef(r.name(), r.kind(), r.id(), r.region(), r.properties());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) Placeholders.substitute(rs.with(), vars);
      String description = rs.description() == null ? null : (String) Placeholders.substitute(rs.description(), vars);
      Duration timeout = rs.timeout() != null ? rs.timeout() : spec != null && spec.longRunning() ? LONG_RUNNING_TIMEOUT : DEFAULT_TIMEOUT;
      Duration expected = rs.expected() != null ? rs.expected() : spec != null ? spec.expected() : Duration.ZERO;
      RetrySpec retry = rs.retry() != null ? rs.retry() : RetrySpec.DEFAULT;
      ApprovalGate gate = rs.approval() == null ? null : gate(estate.inventory(), stamp, rs.approval());
      out.add(new PlanStep(phase.prefix() + rs.id(), phaseName, description, rs.action(), target, params,
          List.copyOf(dependsOn), retry, timeout, gate, expected));
    }
    return out;
  }

  private static ApprovalGate gate(Inventory inv, Stamp stamp, StepApproval a) {
    ApprovalPolicy policy = stamp.approval() != null ? stamp.approval() : ApprovalPolicy.DEFAULT;
    List<String> approvers = a.approvers() != null && !a.approvers().isEmpty() ? a.approvers() : stamp.approvers();
    List<String> escalateTo = a.escalateTo() != null ? a.escalateTo() : policy.escalateTo();
    return new ApprovalGate(
        a.when() == null ? GateCondition.ALWAYS : a.when(),
        List.copyOf(approvers),
        Approvers.resolve(approvers, inv.groups()),
        a.timeout() != null ? a.timeout() : policy.timeout(),
        a.onTimeout() != null ? a.onTimeout() : policy.onTimeout(),
        Approvers.resolve(escalateTo, inv.groups()));
  }

  /** Every identity the configuration names, so a gate can tell "unknown" from "not allowed here". */
  static List<String> knownApprovers(Estate estate) {
    Inventory inv = estate.inventory();
    TreeSet<String> all = new TreeSet<>();
    inv.groups().values().forEach(members -> members.forEach(m -> all.add(Approvers.identity(m))));
    for (Stamp s : inv.stamps()) {
      all.addAll(Approvers.resolve(s.approvers(), inv.groups()));
      if (s.approval() != null) all.addAll(Approvers.resolve(s.approval().escalateTo(), inv.groups()));
    }
    for (Runbook rb : estate.runbooks()) {
      for (RunbookStep st : rb.steps()) {
        if (st.approval() == null) continue;
        all.addAll(Approvers.resolve(st.approval().approvers(), inv.groups()));
        all.addAll(Approvers.resolve(st.approval().escalateTo(), inv.groups()));
      }
    }
    return List.copyOf(all);
  }
}
