package dev.continuity.starter.alerts;

import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.Stamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the stamps an alert is about, through the ARM ids of the inventory. An id matches a
 * resource when it is that resource or one of its sub-resources (a database of an account, the
 * availability status of a VM), compared case-insensitively as ARM does. Resources that live in
 * a stamp's secondary region do not match: losing the standby is no reason to fail over to it.
 * A service-health alert targets a subscription; it matches the stamps with resources in that
 * subscription whose primary region it names as impacted.
 */
public final class StampMatcher {
  private static final Pattern SUBSCRIPTION = Pattern.compile("/subscriptions/[^/]+");

  /** Stamps by the normalized id of each of their resources: a target is looked up with each of its parent ids. */
  private final Map<String, List<Stamp>> byId = new HashMap<>();
  /** Stamps by subscription id, for service-health alerts. */
  private final Map<String, List<Stamp>> bySubscription = new HashMap<>();

  public StampMatcher(Inventory inventory) {
    if (inventory.stamps() == null) return;
    for (Stamp stamp : inventory.stamps()) {
      if (stamp.resources() == null) continue;
      for (Resource r : stamp.resources().values()) {
        if (r.id() == null || r.id().isBlank()) continue;
        if (r.region() != null && AlertSignal.region(r.region()).equals(AlertSignal.region(stamp.secondaryRegion()))) continue;
        String id = normalize(r.id());
        add(byId, id, stamp);
        Matcher m = SUBSCRIPTION.matcher(id);
        if (m.lookingAt() && id.length() > m.end() && id.charAt(m.end()) == '/') add(bySubscription, id.substring(0, m.end()), stamp);
      }
    }
  }

  private static void add(Map<String, List<Stamp>> map, String key, Stamp stamp) {
    List<Stamp> list = map.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(stamp)) list.add(stamp);
  }

  public List<Stamp> stamps(AlertSignal signal) {
    Set<Stamp> found = new LinkedHashSet<>();
    for (String raw : signal.targetIds()) {
      String id = normalize(raw);
      if (id.isEmpty()) continue;
      // The id itself, then each parent: a sub-resource matches the inventory resource it belongs to.
      for (String at = id; !at.isEmpty(); at = parent(at)) {
        List<Stamp> stamps = byId.get(at);
        if (stamps != null) found.addAll(stamps);
      }
      if (!signal.regions().isEmpty() && SUBSCRIPTION.matcher(id).matches()) {
        for (Stamp s : bySubscription.getOrDefault(id, List.of())) {
          if (signal.regions().contains(AlertSignal.region(s.primaryRegion()))) found.add(s);
        }
      }
    }
    return List.copyOf(found);
  }

  private static String parent(String id) {
    int slash = id.lastIndexOf('/');
    return slash <= 0 ? "" : id.substring(0, slash);
  }

  static String normalize(String id) {
    if (id == null) return "";
    String s = id.trim().toLowerCase(Locale.ROOT);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s;
  }
}
