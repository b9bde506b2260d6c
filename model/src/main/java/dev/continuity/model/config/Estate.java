package dev.continuity.model.config;

import dev.continuity.model.estate.Inventory;
import dev.continuity.model.plan.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A loaded and validated configuration directory: {@code inventory.yaml} and every runbook in it
 * (any other {@code *.yaml}/{@code *.yml} whose top level has {@code runbook:}; {@code schema/} is skipped).
 *
 * @param inventoryFile the inventory's path as reported in problems
 */
public record Estate(Path dir, Inventory inventory, List<Runbook> runbooks, String inventoryFile) {

  public static final String INVENTORY = "inventory.yaml";

  public Estate(Path dir, Inventory inventory, List<Runbook> runbooks) {
    this(dir, inventory, runbooks, dir == null ? INVENTORY : dir.resolve(INVENTORY).toString());
  }

  /** Loads and validates {@code dir}; throws with every problem found. */
  public static Estate load(Path dir) throws EstateException {
    List<Problem> problems = new ArrayList<>();
    Estate estate = safely(dir, problems);
    if (!problems.isEmpty()) throw new EstateException(problems);
    return estate;
  }

  /** Every problem in {@code dir}; empty when it is valid. Never throws for bad input. */
  public static List<Problem> validate(Path dir) {
    List<Problem> problems = new ArrayList<>();
    safely(dir, problems);
    return List.copyOf(problems);
  }

  /** Reads, then orders the problems by file and line; a bug in a check becomes a problem, not a stack trace. */
  private static Estate safely(Path dir, List<Problem> problems) {
    Estate estate = null;
    try {
      estate = read(dir, problems);
    } catch (RuntimeException e) {
      problems.add(new Problem(String.valueOf(dir), 0, null, "the configuration could not be checked completely ("
          + e + "); fix the problems above and validate again"));
    }
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing((Problem p) -> String.valueOf(p.file())).thenComparingInt(Problem::line));
    problems.clear();
    problems.addAll(sorted);
    return estate;
  }

  /** The runbooks of {@code stamp}, in file order. */
  public List<Runbook> runbooksOf(String stamp) {
    return runbooks.stream().filter(r -> stamp.equals(r.stamp())).toList();
  }

  /** The runbook holding {@code stamp}'s steps for {@code mode}, or null. */
  public Runbook runbookFor(String stamp, Mode mode) {
    return runbooksOf(stamp).stream().filter(r -> r.has(mode)).findFirst().orElse(null);
  }

  private static Estate read(Path dir, List<Problem> problems) {
    if (dir == null || !Files.isDirectory(dir)) {
      problems.add(new Problem(String.valueOf(dir), 0, null, "not a directory: a configuration directory holds "
          + INVENTORY + " and the runbooks"));
      return null;
    }
    Path inventoryPath = dir.resolve(INVENTORY);
    String inventoryFile = inventoryPath.toString();
    Inventory inventory = new Inventory(null, List.of(), Map.of(), List.of());
    boolean inventoryRead = false;
    if (!Files.isRegularFile(inventoryPath)) {
      // Without an inventory this is likely not a configuration directory at all: checking every
      // YAML file below it would bury the one problem that matters.
      problems.add(new Problem(inventoryFile, 0, null, "missing " + INVENTORY + " in " + dir
          + ": it defines the stamps, their regions and resources, approver groups and where the workers run"));
      return new Estate(dir, inventory, List.of(), inventoryFile);
    } else {
      YamlReader r = new YamlReader(inventoryFile, problems);
      Node root = r.compose(inventoryPath);
      if (root != null) {
        inventory = new InventoryReader(r).read(root);
        inventoryRead = true;
      }
    }

    List<Runbook> runbooks = new ArrayList<>();
    Map<String, Runbook> byName = new LinkedHashMap<>();
    for (Path file : yamlFiles(dir, problems)) {
      if (file.equals(inventoryPath)) continue;
      YamlReader r = new YamlReader(file.toString(), problems);
      Node root = r.compose(file);
      if (!isRunbook(root)) continue;
      Runbook rb = new RunbookReader(r).read(root);
      if (rb == null) continue;
      Runbook same = rb.name() == null ? null : byName.putIfAbsent(rb.name(), rb);
      if (same != null) {
        problems.add(new Problem(rb.file(), rb.line(), null, "runbook name '" + rb.name() + "' is already used by " + same.file()));
      }
      runbooks.add(rb);
    }

    RunbookChecker checker = new RunbookChecker(inventory, inventoryFile, inventoryRead, problems);
    runbooks.forEach(checker::check);
    oneRunbookPerMode(runbooks, problems);
    return new Estate(dir, inventory, List.copyOf(runbooks), inventoryFile);
  }

  /** Two runbooks with steps for the same mode would leave the compiler guessing which to run. */
  private static void oneRunbookPerMode(List<Runbook> runbooks, List<Problem> problems) {
    Map<String, Runbook> owner = new LinkedHashMap<>();
    for (Runbook rb : runbooks) {
      if (rb.stamp() == null) continue;
      for (Mode mode : Mode.values()) {
        if (!rb.has(mode)) continue;
        Runbook first = owner.putIfAbsent(rb.stamp() + "/" + mode, rb);
        if (first != null) {
          RunbookStep step = rb.steps(mode).get(0);
          problems.add(new Problem(rb.file(), step.line(), step.id(), "stamp " + rb.stamp() + " already has " + mode.text()
              + " steps in runbook " + first.name() + " (" + first.file() + "); each mode's steps must live in one runbook"));
        }
      }
    }
  }

  private static boolean isRunbook(Node root) {
    if (!(root instanceof MappingNode m)) return false;
    return m.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("runbook"));
  }

  private static List<Path> yamlFiles(Path dir, List<Problem> problems) {
    // Runbooks sit in the directory or a folder or two below it (runbooks/<stamp>/...), no deeper.
    try (Stream<Path> walk = Files.walk(dir, 3)) {
      return walk
          .filter(p -> !dir.relativize(p).toString().replace('\\', '/').matches("(.*/)?schema(/.*)?"))
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      problems.add(new Problem(dir.toString(), 0, null, "cannot list the directory: " + e.getMessage()));
      return List.of();
    }
  }
}
