package dev.continuity.model.estate;

import java.util.List;
import java.util.Map;

/**
 * The estate Continuity protects.
 *
 * @param groups approver groups: group name to member identities
 * @param workerRegions regions where the workers run (never a stamp's primary region: rule 10)
 */
public record Inventory(String name, List<String> workerRegions, Map<String, List<String>> groups, List<Stamp> stamps) {

  public Stamp stamp(String stampName) {
    if (stamps == null) return null;
    return stamps.stream().filter(s -> s.name().equals(stampName)).findFirst().orElse(null);
  }
}
