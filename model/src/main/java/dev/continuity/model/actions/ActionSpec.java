package dev.continuity.model.actions;

import java.time.Duration;
import java.util.List;

/** One action as the validator, the planner and the reference docs see it. */
public record ActionSpec(
    String name,
    String targetKind,
    String summary,
    Duration expected,
    boolean longRunning,
    boolean movesTraffic,
    List<ParamSpec> params,
    Class<?> activityInterface,
    Permissions permissions) {

  /** What the worker's identity needs for this action: Azure RBAC actions and data actions, and grants outside Azure RBAC. */
  public record Permissions(List<String> actions, List<String> dataActions, List<String> grants) {
    public boolean declared() {
      return !actions.isEmpty() || !dataActions.isEmpty() || !grants.isEmpty();
    }
  }

  /** One parameter of an action. */
  public record ParamSpec(String name, String doc, boolean required) {}

  public ParamSpec param(String paramName) {
    return params.stream().filter(p -> p.name().equals(paramName)).findFirst().orElse(null);
  }
}
