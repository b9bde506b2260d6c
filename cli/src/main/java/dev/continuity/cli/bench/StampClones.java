package dev.continuity.cli.bench;

import dev.continuity.model.config.Estate;
import dev.continuity.model.config.Runbook;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.Stamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of one shipped stamp, each with its own Azure resources (its resource group renamed), and
 * its runbooks: a stamp runs one operation at a time, so many concurrent drills need many stamps.
 */
final class StampClones {
  private StampClones() {}

  /** The estate of {@code count} copies of {@code template}, named {@code template-b001}...; nothing else. */
  static Estate of(Estate estate, String template, int count) {
    Stamp s = estate.inventory().stamp(template);
    if (s == null) throw new IllegalArgumentException("no stamp '" + template + "' to copy");
    List<Stamp> stamps = new ArrayList<>();
    List<Runbook> runbooks = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String suffix = String.format("-b%03d", i);
      Map<String, Resource> resources = new LinkedHashMap<>();
      s.resources().forEach((k, r) -> resources.put(k, new Resource(r.name(), r.kind(),
          r.id() == null ? null : r.id().replaceFirst("(?i)(/resourceGroups/[^/]+)", "$1" + suffix), r.region(), r.properties())));
      String name = template + suffix;
      stamps.add(new Stamp(name, s.primaryRegion(), s.secondaryRegion(), s.targets(), s.approvers(), s.severityPolicy(),
          s.approval(), s.cooldown(), resources));
      for (Runbook r : estate.runbooksOf(template)) {
        runbooks.add(new Runbook(r.name() + suffix, name, r.file(), r.description(), r.steps(), r.line()));
      }
    }
    Inventory inv = estate.inventory();
    return new Estate(estate.dir(), new Inventory(inv.name(), inv.workerRegions(), inv.groups(), stamps), runbooks);
  }
}
