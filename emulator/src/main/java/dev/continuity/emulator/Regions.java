package dev.continuity.emulator;

import java.util.Locale;
import java.util.Map;

/** Azure region names: ARM bodies use display names ("West US 2"), URLs and inventories short ones ("westus2"). */
final class Regions {
  private static final Map<String, String> DISPLAY = Map.ofEntries(
      Map.entry("eastus", "East US"), Map.entry("eastus2", "East US 2"), Map.entry("westus", "West US"),
      Map.entry("westus2", "West US 2"), Map.entry("westus3", "West US 3"), Map.entry("centralus", "Central US"),
      Map.entry("northcentralus", "North Central US"), Map.entry("southcentralus", "South Central US"),
      Map.entry("westcentralus", "West Central US"), Map.entry("northeurope", "North Europe"),
      Map.entry("westeurope", "West Europe"), Map.entry("uksouth", "UK South"), Map.entry("ukwest", "UK West"),
      Map.entry("japaneast", "Japan East"), Map.entry("japanwest", "Japan West"));

  private Regions() {}

  /** "West US 2", "westus2", "WestUS2" all become "westus2"; null stays null. */
  static String normalize(String region) {
    if (region == null) return null;
    return region.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  static String display(String region) {
    String n = normalize(region);
    if (n == null) return null;
    return DISPLAY.getOrDefault(n, region);
  }

  static boolean same(String a, String b) {
    return a != null && b != null && normalize(a).equals(normalize(b));
  }
}
