package dev.continuity.activities;

import dev.continuity.model.actions.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/** An Azure resource ID taken apart: subscription, resource group, and the type/name pairs after the provider. */
record ArmId(String id, String subscription, String resourceGroup, List<String> segments) {

  static ArmId of(ActionRequest request) {
    if (request.target() == null || request.target().id() == null || request.target().id().isBlank()) {
      String name = request.target() == null ? "(none)" : request.target().name();
      throw ApplicationFailure.newNonRetryableFailure(
          "step " + request.stepId() + ": target " + name + " has no Azure resource ID; set 'id' in the inventory",
          "InvalidTarget");
    }
    return parse(request.target().id());
  }

  static ArmId parse(String id) {
    String[] parts = id.replaceAll("^/+", "").split("/");
    String subscription = null;
    String group = null;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i + 1 < parts.length; i += 2) {
      String key = parts[i];
      String value = parts[i + 1];
      if (key.equalsIgnoreCase("subscriptions") && subscription == null) subscription = value;
      else if (key.equalsIgnoreCase("resourceGroups") && group == null) group = value;
      else if (key.equalsIgnoreCase("providers")) rest.add(value);
      else {
        rest.add(key);
        rest.add(value);
      }
    }
    if (subscription == null || group == null || rest.size() < 3) {
      throw ApplicationFailure.newNonRetryableFailure(
          "'" + id + "' is not an Azure resource ID (/subscriptions/{id}/resourceGroups/{rg}/providers/{ns}/{type}/{name})",
          "InvalidTarget");
    }
    return new ArmId(id, subscription, group, List.copyOf(rest));
  }

  /** The resource's own name (the last segment). */
  String name() {
    return segments.get(segments.size() - 1);
  }

  /** The name that follows a type segment, e.g. {@code child("servers")}. */
  String child(String type) {
    for (int i = 1; i + 1 < segments.size(); i++) {
      if (segments.get(i).equalsIgnoreCase(type)) return segments.get(i + 1);
    }
    return null;
  }

  @Override
  public String toString() {
    return id;
  }
}
