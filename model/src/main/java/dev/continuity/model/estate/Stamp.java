package dev.continuity.model.estate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A deployment unit that fails over as one: its regions, resources, objectives and policies.
 *
 * @param approvers identities ("alice@contoso.com" or "user:alice@contoso.com") and groups ("group:dr-leads")
 *     that may approve this stamp's gates when a gate names none of its own
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
    Map<String, Resource> resources) {

  public Resource resource(String logicalName) {
    return resources == null ? null : resources.get(logicalName);
  }
}
