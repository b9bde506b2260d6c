package dev.continuity.starter.alerts;

import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.Stamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the stamps an alert is about, through the ARM ids of the inventory. An id matches a
 * resource when it is that resource or one of its sub-resources (a database of an account, the
 * availability status of a VM), compared case-insensitively as ARM does. Resources that live in
 * a stamp's secondary region do not match: losing the standby is no reason to fail over to it.
 * A service-health alert targets a subscription; it matches the stamps with resources in that
 * subscription whose primary region it names as impacted.
 */
public final class StampMatcher {
  private record Entry(String id, Stamp stamp) {}

  private final List<Entry> entries = new ArrayList<>();

  public StampMatcher(Inventory inventory) {
    if (inventory.stamps() == null) return;
    for (Stamp stamp : inventory.stamps()) {
      if (stamp.resources() == null) continue;
      for (Resource r : stamp.resources().values()) {
        if (r.id() == null || r.id().isBlank()) continue;
        if (r.region() != null && AlertSignal.region(r.region()).equals(AlertSignal.region(stamp.secondaryRegion()))) continue;
        entries.add(new Entry(normalize(r.id()), stamp));
      }
    }
  }

  public List<Stamp> stamps(AlertSignal signal) {
    Set<Stamp> found = new LinkedHashSet<>();
    for (String raw : signal.targetIds()) {
      String id = normalize(raw);
      if (id.isEmpty()) continue;
      boolean subscriptionScope = id.matches("/subscriptions/[^/]+");
      for (Entry e : entries) {
        if (id.equals(e.id) || id.startsWith(e.id + "/")) {
          found.add(e.stamp);
        } else if (subscriptionScope && !signal.regions().isEmpty() && e.id.startsWith(id + "/")
            && signal.regions().contains(AlertSignal.region(e.stamp.primaryRegion()))) {
          found.add(e.stamp);
        }
      }
    }
    return List.copyOf(found);
  }

  static String normalize(String id) {
    if (id == null) return "";
    String s = id.trim().toLowerCase(Locale.ROOT);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s;
  }
}
