package dev.continuity.model.estate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A deployment unit that fails over as one: its regions, resources, objectives and policies.
 *
 * @param approvers identities ("alice@contoso.com" or "user:alice@contoso.com") and groups ("group:dr-leads")
 *     that may approve this stamp's gates when a gate names none of its own
 * @param detection how the built-in probe loop detects an outage (never null when read from an inventory)
 */
public record Stamp(
    String name,
    String primaryRegion,
    String secondaryRegion,
    Targets targets,
    List<String> approvers,
    SeverityPolicy severityPolicy,
    ApprovalPolicy approval,
    Duration cooldown,
    Map<String, Resource> resources,
    Detection detection) {

  /** A stamp with the default outage detection. */
  public Stamp(String name, String primaryRegion, String secondaryRegion, Targets targets, List<String> approvers,
      SeverityPolicy severityPolicy, ApprovalPolicy approval, Duration cooldown, Map<String, Resource> resources) {
    this(name, primaryRegion, secondaryRegion, targets, approvers, severityPolicy, approval, cooldown, resources, Detection.DEFAULT);
  }

  public Resource resource(String logicalName) {
    return resources == null ? null : resources.get(logicalName);
  }
}
