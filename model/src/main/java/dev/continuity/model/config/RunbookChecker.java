package dev.continuity.model.config;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.actions.ActionSpec;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.Stamp;
import dev.continuity.model.estate.TimeoutOutcome;
import dev.continuity.model.plan.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Checks a runbook against the inventory and the action catalog: everything a step refers to must exist and fit. */
final class RunbookChecker {
  private final Inventory inventory;
  private final String inventoryFile;
  private final List<Problem> problems;

  RunbookChecker(Inventory inventory, String inventoryFile, List<Problem> problems) {
    this.inventory = inventory;
    this.inventoryFile = inventoryFile;
    this.problems = problems;
  }

  void check(Runbook rb) {
    Stamp stamp = rb.stamp() == null ? null : inventory.stamp(rb.stamp());
    if (rb.stamp() != null && stamp == null) {
      List<String> names = inventory.stamps().stream().map(Stamp::name).filter(Objects::nonNull).toList();
      String near = Names.near(rb.stamp(), names);
      add(rb, rb.line(), null, "runbook " + rb.name() + " is for stamp '" + rb.stamp() + "', which " + inventoryFile
          + " does not define" + (near == null ? "" : "; did you mean '" + near + "'?") + " (stamps: " + String.join(", ", names) + ")");
    }
    Map<String, RunbookStep> byId = new LinkedHashMap<>();
    rb.steps().forEach(s -> byId.put(s.id(), s));
    for (RunbookStep step : rb.steps()) {
      action(rb, step, stamp);
      dependencies(rb, step, byId);
      if (step.approval() != null) approval(rb, step, stamp);
      placeholders(rb, step);
    }
    Map<String, List<String>> deps = new HashMap<>();
    rb.steps().forEach(s -> deps.put(s.id(), s.dependsOn()));
    for (List<String> cycle : new StepGraph(List.copyOf(byId.keySet()), deps).cycles()) {
      RunbookStep first = byId.get(cycle.get(0));
      add(rb, first.line("dependsOn"), first.id(), "dependsOn cycle: " + String.join(" -> ", cycle)
          + " (each step waits for the next, so none can start)");
    }
  }

  private void action(Runbook rb, RunbookStep step, Stamp stamp) {
    if (step.action() == null) {
      if (step.approval() == null) {
        add(rb, step.line(), step.id(), "a step needs an action, an approval gate, or both (actions: see docs/runbooks.md)");
      }
      if (step.target() != null) {
        add(rb, step.line("target"), step.id(), "target '" + step.target() + "' without an action: name the action that works on it");
      }
      if (!step.with().isEmpty()) add(rb, step.line("with"), step.id(), "'with' parameters without an action");
      return;
    }
    ActionSpec spec = ActionCatalog.find(step.action());
    if (spec == null) {
      add(rb, step.line("action"), step.id(), "unknown action '" + step.action() + "'; " + suggestActions(step.action()));
      return;
    }
    boolean needsTarget = !ResourceKinds.NONE.equals(spec.targetKind());
    if (needsTarget && step.target() == null) {
      add(rb, step.line("action"), step.id(), "action " + spec.name() + " works on a " + spec.targetKind()
          + " resource: add 'target:'" + ofKind(stamp, spec.targetKind()));
    } else if (!needsTarget && step.target() != null) {
      add(rb, step.line("target"), step.id(), "action " + spec.name() + " takes no target");
    } else if (needsTarget && stamp != null) {
      Resource res = stamp.resource(step.target());
      if (res == null) {
        String near = Names.near(step.target(), stamp.resources().keySet());
        add(rb, step.line("target"), step.id(), "unknown target '" + step.target() + "' in stamp " + stamp.name()
            + (near == null ? "" : "; did you mean '" + near + "'?") + " (resources: " + String.join(", ", stamp.resources().keySet()) + ")");
      } else if (res.kind() != null && !res.kind().equals(spec.targetKind())) {
        add(rb, step.line("target"), step.id(), "target '" + step.target() + "' is a " + res.kind() + ", but action "
            + spec.name() + " needs a " + spec.targetKind() + ofKind(stamp, spec.targetKind()));
      }
    }
    List<String> allowed = spec.params().stream().map(ActionSpec.ParamSpec::name).toList();
    for (String name : step.with().keySet()) {
      if (spec.param(name) == null) {
        String near = Names.near(name, allowed);
        add(rb, step.line("with." + name), step.id(), "unknown parameter '" + name + "' for " + spec.name()
            + (near == null ? "" : "; did you mean '" + near + "'?")
            + " (parameters: " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)) + ")");
      }
    }
    for (ActionSpec.ParamSpec p : spec.params()) {
      if (p.required() && !step.with().containsKey(p.name())) {
        add(rb, step.line("with"), step.id(), spec.name() + " needs parameter '" + p.name() + "' (" + p.doc() + ") under 'with:'");
      }
    }
  }

  private static String suggestActions(String name) {
    List<String> near = Names.nearAll(name, ActionCatalog.names(), 3);
    if (!near.isEmpty()) return "did you mean " + near.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" or ")) + "?";
    String service = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : name + ".";
    List<String> same = ActionCatalog.names().stream().filter(n -> n.startsWith(service)).toList();
    return "actions: " + String.join(", ", same.isEmpty() ? ActionCatalog.names() : same);
  }

  private static String ofKind(Stamp stamp, String kind) {
    if (stamp == null) return "";
    List<String> names = stamp.resources().values().stream().filter(r -> kind.equals(r.kind())).map(Resource::name).toList();
    return " (" + kind + " resources in stamp " + stamp.name() + ": " + (names.isEmpty() ? "none" : String.join(", ", names)) + ")";
  }

  private void dependencies(Runbook rb, RunbookStep step, Map<String, RunbookStep> byId) {
    for (String dep : step.dependsOn()) {
      RunbookStep d = byId.get(dep);
      if (dep.equals(step.id())) {
        continue; // reported as the cycle "a -> a"
      } else if (d == null) {
        String near = Names.near(dep, byId.keySet());
        add(rb, step.line("dependsOn"), step.id(), "dependsOn names '" + dep + "', which is no step of runbook " + rb.name()
            + (near == null ? "" : "; did you mean '" + near + "'?"));
      } else {
        List<Mode> missing = step.modes().stream().filter(m -> !d.modes().contains(m)).toList();
        if (!missing.isEmpty()) {
          add(rb, step.line("dependsOn"), step.id(), "depends on '" + dep + "', which is not part of "
              + missing.stream().map(Mode::text).collect(Collectors.joining(", "))
              + "; add those modes to '" + dep + "' or remove them from this step");
        }
      }
    }
  }

  private void approval(Runbook rb, RunbookStep step, Stamp stamp) {
    StepApproval gate = step.approval();
    int line = gate.line();
    if (gate.approvers() != null) {
      for (String a : gate.approvers()) {
        String p = Approvers.problem(a, inventory.groups());
        if (p != null) add(rb, line, step.id(), "approval.approvers: " + p);
      }
    }
    if (gate.escalateTo() != null) {
      for (String a : gate.escalateTo()) {
        String p = Approvers.problem(a, inventory.groups());
        if (p != null) add(rb, line, step.id(), "approval.escalateTo: " + p);
      }
    }
    if (stamp == null) return;
    List<String> named = gate.approvers() != null && !gate.approvers().isEmpty() ? gate.approvers() : stamp.approvers();
    if (named == null || named.isEmpty()) {
      add(rb, line, step.id(), "approval gate without approvers: name them in approval.approvers or in the approvers of stamp "
          + stamp.name() + " (" + Approvers.ALLOWED + ")");
    } else if (Approvers.resolve(named, inventory.groups()).isEmpty()) {
      add(rb, line, step.id(), "approval gate whose approvers resolve to nobody: " + String.join(", ", named));
    }
    TimeoutOutcome outcome = gate.onTimeout() != null ? gate.onTimeout() : stamp.approval().onTimeout();
    List<String> escalateTo = gate.escalateTo() != null ? gate.escalateTo() : stamp.approval().escalateTo();
    if (outcome == TimeoutOutcome.ESCALATE && (escalateTo == null || escalateTo.isEmpty())) {
      add(rb, line, step.id(), "approval.onTimeout is escalate but nobody to escalate to: add approval.escalateTo"
          + " or escalateTo in the approval of stamp " + stamp.name());
    }
  }

  private void placeholders(Runbook rb, RunbookStep step) {
    List<String> unknown = new ArrayList<>(Placeholders.unknown(step.with()));
    for (String u : unknown) {
      add(rb, step.line("with"), step.id(), "unknown placeholder " + u + " (allowed: "
          + Placeholders.ALLOWED.stream().map(p -> "${" + p + "}").collect(Collectors.joining(" ")) + ")");
    }
    for (String u : Placeholders.unknown(step.description())) {
      add(rb, step.line("description"), step.id(), "unknown placeholder " + u + " in description (allowed: "
          + Placeholders.ALLOWED.stream().map(p -> "${" + p + "}").collect(Collectors.joining(" ")) + ")");
    }
  }

  private void add(Runbook rb, int line, String step, String message) {
    problems.add(new Problem(rb.file(), line, step, message));
  }
}
