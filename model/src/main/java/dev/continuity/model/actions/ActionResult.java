package dev.continuity.model.actions;

import java.util.Map;

/**
 * What an action reports back.
 *
 * @param changed false when the resource already was in the desired state (a repeat run changes nothing)
 * @param message a short account for the timeline: what was observed and done
 * @param facts measurements for later steps and the report; well-known keys are in {@link Facts}
 */
public record ActionResult(boolean changed, String message, Map<String, Object> facts) {

  public static ActionResult unchanged(String message) {
    return new ActionResult(false, message, Map.of());
  }

  public static ActionResult changed(String message) {
    return new ActionResult(true, message, Map.of());
  }
}
