package dev.continuity.emulator;

import dev.continuity.emulator.EmulatorState.RegionStatus;
import java.util.Map;
import java.util.TreeMap;

/** Which regions are down or degraded, and how each vantage point sees them (partitions). */
final class RegionHealth {
  private final Estate estate;

  RegionHealth(Estate estate) {
    this.estate = estate;
  }

  private RegionStatus status(String region) {
    return estate.state().regions.computeIfAbsent(Regions.normalize(region), r -> new RegionStatus());
  }

  boolean isDown(String region) {
    RegionStatus s = estate.state().regions.get(Regions.normalize(region));
    return s != null && s.down;
  }

  boolean isDegraded(String region) {
    RegionStatus s = estate.state().regions.get(Regions.normalize(region));
    return s != null && s.degraded;
  }

  /** When the region went down, or null while it is up. */
  java.time.Instant downSince(String region) {
    RegionStatus s = estate.state().regions.get(Regions.normalize(region));
    return s != null && s.down ? s.downSince : null;
  }

  /** Returns true when this changed the region's health. */
  boolean outage(String region) {
    RegionStatus s = status(region);
    if (s.down) return false;
    s.down = true;
    s.downSince = estate.now();
    estate.journal.record("region:" + Regions.normalize(region), "region.outage", "up", "down", null, null);
    return true;
  }

  boolean restore(String region) {
    RegionStatus s = status(region);
    if (!s.down) return false;
    s.down = false;
    s.downSince = null;
    estate.journal.record("region:" + Regions.normalize(region), "region.restore", "down", "up", null, null);
    return true;
  }

  void degrade(String region, boolean degraded) {
    RegionStatus s = status(region);
    boolean was = s.degraded;
    s.degraded = degraded;
    estate.journal.record("region:" + Regions.normalize(region), "region.degraded", String.valueOf(was),
        String.valueOf(degraded), null, null);
  }

  /** view "down" or "up" overrides what the vantage point sees; null or "none" removes the override. */
  void partition(String vantage, String region, String view) {
    Map<String, Map<String, String>> p = estate.state().partitions;
    if (view == null || view.equalsIgnoreCase("none") || view.isBlank()) {
      Map<String, String> m = p.get(vantage);
      if (m != null) {
        m.remove(Regions.normalize(region));
        if (m.isEmpty()) p.remove(vantage);
      }
      return;
    }
    if (!view.equalsIgnoreCase("down") && !view.equalsIgnoreCase("up")) {
      throw ArmException.badRequest("InvalidPartition", "view must be down, up or none, not '" + view + "'");
    }
    p.computeIfAbsent(vantage, v -> new TreeMap<>()).put(Regions.normalize(region), view.toLowerCase());
  }

  /** Whether the region looks down from a vantage point (a partition wins over the real health). */
  boolean looksDown(String vantage, String region) {
    Map<String, String> m = vantage == null ? null : estate.state().partitions.get(vantage);
    String view = m == null ? null : m.get(Regions.normalize(region));
    if (view != null) return view.equals("down");
    return isDown(region);
  }
}
