package dev.continuity.model.config;

import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.plan.GateCondition;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.RetrySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one runbook file into a {@link Runbook}, reporting what is wrong with its shape (keys,
 * types, durations, modes, gate settings). References to the inventory are checked by {@link RunbookChecker}.
 */
final class RunbookReader {
  static final List<String> TOP_KEYS = List.of("runbook", "stamp", "description", "modes", "steps");
  static final List<String> STEP_KEYS = List.of("id", "description", "modes", "action", "target", "with", "dependsOn",
      "retry", "timeout", "expected", "approval");
  static final List<String> RETRY_KEYS = List.of("maximumAttempts", "initialInterval", "backoffCoefficient", "maximumInterval");
  static final List<String> GATE_KEYS = List.of("when", "approvers", "timeout", "onTimeout", "escalateTo");
  static final List<String> MODES = List.of("failover", "failback", "drill");
  static final List<String> WHEN = List.of("always", "policy", "dataLoss");
  /** No '/': a drill prefixes step ids with their phase ("failover/traffic"). */
  static final Pattern STEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final YamlReader r;

  RunbookReader(YamlReader reader) {
    this.r = reader;
  }

  Runbook read(Node root) {
    Map<String, Node> top = r.mapping(root, "a runbook", null, TOP_KEYS);
    if (top == null) return null;
    String name = r.required(top, "runbook", root, "a runbook", null);
    String stamp = r.required(top, "stamp", root, "runbook " + name, null);
    String description = top.containsKey("description") ? r.string(top.get("description"), "description", null) : null;
    int line = YamlReader.line(top.containsKey("stamp") ? top.get("stamp") : root);
    // A runbook may set the modes of all its steps, so a failback-only file need not repeat them.
    List<Mode> defaultModes = top.containsKey("modes") ? modes(top.get("modes"), null) : List.of(Mode.FAILOVER);
    List<RunbookStep> steps = new ArrayList<>();
    Node stepsNode = top.get("steps");
    if (stepsNode == null) {
      r.problem(root, null, "runbook " + name + " needs 'steps'");
    } else {
      List<Node> items = r.sequence(stepsNode, "steps", null);
      if (items != null) {
        Map<String, RunbookStep> byId = new LinkedHashMap<>();
        for (Node item : items) {
          RunbookStep step = step(item, defaultModes);
          if (step == null) continue;
          RunbookStep first = byId.get(step.id());
          if (first != null) {
            r.problem(item, step.id(), "duplicate step id '" + step.id() + "' (first defined at line " + first.line() + "); step ids must be unique in a runbook");
            continue;
          }
          byId.put(step.id(), step);
          steps.add(step);
        }
      }
    }
    return new Runbook(name, stamp, r.file, description, List.copyOf(steps), line);
  }

  private RunbookStep step(Node node, List<Mode> defaultModes) {
    Map<String, Node> m = r.mapping(node, "a step", null, STEP_KEYS);
    if (m == null) return null;
    if (!m.containsKey("id")) {
      r.problem(node, null, "a step needs 'id'");
      return null;
    }
    String id = r.string(m.get("id"), "a step's id", null);
    if (id == null) return null;
    if (!STEP_ID.matcher(id).matches()) {
      r.problem(m.get("id"), id, "step id '" + id + "' must be letters, digits, '.', '_' or '-' (no '/')");
    }
    Map<String, Integer> lines = new LinkedHashMap<>();
    m.forEach((k, v) -> lines.put(k, YamlReader.line(v)));

    String description = m.containsKey("description") ? r.string(m.get("description"), "description", id) : null;
    List<Mode> modes = defaultModes;
    if (m.containsKey("modes")) modes = modes(m.get("modes"), id);
    String action = m.containsKey("action") ? r.string(m.get("action"), "action", id) : null;
    String target = m.containsKey("target") ? r.string(m.get("target"), "target", id) : null;

    Map<String, Object> with = Map.of();
    if (m.containsKey("with") && !YamlReader.isNull(m.get("with"))) {
      Map<String, Node> w = r.freeMapping(m.get("with"), "with", id);
      if (w != null) {
        Map<String, Object> params = new LinkedHashMap<>();
        w.forEach((k, v) -> {
          Object value = YamlReader.plain(v);
          if (value == null) {
            r.problem(v, id, "parameter '" + k + "' has no value");
            return;
          }
          params.put(k, value);
          lines.put("with." + k, YamlReader.line(v));
        });
        with = Collections.unmodifiableMap(params);
      }
    }

    List<String> dependsOn = List.of();
    if (m.containsKey("dependsOn") && !YamlReader.isNull(m.get("dependsOn"))) {
      List<String> deps = r.strings(m.get("dependsOn"), "dependsOn", id);
      if (deps != null) dependsOn = List.copyOf(new java.util.LinkedHashSet<>(deps));
    }

    RetrySpec retry = m.containsKey("retry") ? retry(m.get("retry"), id) : null;
    Duration timeout = m.containsKey("timeout") ? r.duration(m.get("timeout"), "timeout", id) : null;
    Duration expected = null;
    if (m.containsKey("expected")) {
      String text = r.string(m.get("expected"), "expected", id);
      expected = Durations.parse(text);
      if (text != null && (expected == null || expected.isNegative())) {
        r.problem(m.get("expected"), id, "expected '" + text + "' is not " + Durations.ALLOWED);
        expected = null;
      }
    }
    StepApproval approval = m.containsKey("approval") ? approval(m.get("approval"), id) : null;
    return new RunbookStep(id, description, modes, action, target, with, dependsOn, retry, timeout, expected, approval,
        YamlReader.line(node), Collections.unmodifiableMap(lines));
  }

  private List<Mode> modes(Node n, String step) {
    List<String> texts = r.strings(n, "modes", step);
    if (texts == null) return List.of();
    List<Mode> out = new ArrayList<>();
    for (String t : texts) {
      Mode mode = Mode.parse(t);
      if (mode == null) {
        String near = Names.near(t, MODES);
        r.problem(n, step, "unknown mode '" + t + "'" + (near == null ? "" : "; did you mean '" + near + "'?")
            + " (allowed: " + String.join(", ", MODES) + ")");
      } else if (!out.contains(mode)) {
        out.add(mode);
      }
    }
    if (texts.isEmpty()) r.problem(n, step, "modes is empty: name at least one of " + String.join(", ", MODES) + " (or leave it out for failover)");
    return List.copyOf(out);
  }

  private RetrySpec retry(Node n, String step) {
    Map<String, Node> m = r.mapping(n, "retry", step, RETRY_KEYS);
    RetrySpec d = RetrySpec.DEFAULT;
    if (m == null) return null;
    Integer attempts = m.containsKey("maximumAttempts") ? r.integer(m.get("maximumAttempts"), "retry.maximumAttempts", step, 1) : null;
    Duration initial = m.containsKey("initialInterval") ? r.duration(m.get("initialInterval"), "retry.initialInterval", step) : null;
    Double backoff = m.containsKey("backoffCoefficient") ? r.number(m.get("backoffCoefficient"), "retry.backoffCoefficient", step, 1.0) : null;
    Duration max = m.containsKey("maximumInterval") ? r.duration(m.get("maximumInterval"), "retry.maximumInterval", step) : null;
    RetrySpec spec = new RetrySpec(
        attempts == null ? d.maximumAttempts() : attempts,
        initial == null ? d.initialInterval() : initial,
        backoff == null ? d.backoffCoefficient() : backoff,
        max == null ? d.maximumInterval() : max);
    if (spec.maximumInterval().compareTo(spec.initialInterval()) < 0) {
      r.problem(n, step, "retry.maximumInterval (" + Durations.format(spec.maximumInterval())
          + ") must be at least retry.initialInterval (" + Durations.format(spec.initialInterval()) + ")");
    }
    return spec;
  }

  private StepApproval approval(Node n, String step) {
    int line = YamlReader.line(n);
    if (YamlReader.isNull(n)) return new StepApproval(GateCondition.ALWAYS, null, null, null, null, line);
    Map<String, Node> m = r.mapping(n, "approval", step, GATE_KEYS);
    if (m == null) return new StepApproval(GateCondition.ALWAYS, null, null, null, null, line);
    GateCondition when = GateCondition.ALWAYS;
    if (m.containsKey("when")) {
      String text = r.string(m.get("when"), "approval.when", step);
      GateCondition c = GateCondition.parse(text);
      if (text != null && c == null) {
        String near = Names.near(text, WHEN);
        r.problem(m.get("when"), step, "approval.when '" + text + "' is not allowed" + (near == null ? "" : "; did you mean '" + near + "'?")
            + " (allowed: always, policy (the stamp's severity policy decides), dataLoss (expected data loss above the RPO target))");
      } else if (c != null) {
        when = c;
      }
    }
    List<String> approvers = m.containsKey("approvers") ? strings(m.get("approvers"), "approval.approvers", step) : null;
    Duration timeout = m.containsKey("timeout") ? r.duration(m.get("timeout"), "approval.timeout", step) : null;
    TimeoutOutcome onTimeout = m.containsKey("onTimeout")
        ? InventoryReader.onTimeout(r, m.get("onTimeout"), "approval.onTimeout", step) : null;
    List<String> escalateTo = m.containsKey("escalateTo") ? strings(m.get("escalateTo"), "approval.escalateTo", step) : null;
    return new StepApproval(when, approvers, timeout, onTimeout, escalateTo, line);
  }

  private List<String> strings(Node n, String what, String step) {
    List<String> s = r.strings(n, what, step);
    return s == null ? List.of() : List.copyOf(s);
  }
}
