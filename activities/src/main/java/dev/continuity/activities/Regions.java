package dev.continuity.activities;

import java.util.Locale;

/** ARM names regions both ways ("West US 2" in Cosmos bodies, "westus2" elsewhere); compare them as one. */
final class Regions {
  private Regions() {}

  static String normalize(String region) {
    return region == null ? "" : region.replace(" ", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  static boolean same(String a, String b) {
    return normalize(a).equals(normalize(b));
  }
}
