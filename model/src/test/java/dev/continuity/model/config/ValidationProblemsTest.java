package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every class of configuration problem, with where it is reported and what the message offers instead. */
class ValidationProblemsTest {
  static final Path CONFIG = Path.of("src", "test", "resources", "config");

  /** The one problem at {@code file}:{@code line} about {@code step} whose message holds every fragment. */
  static Problem expect(List<Problem> problems, String file, int line, String step, String... fragments) {
    List<Problem> found = problems.stream()
        .filter(p -> p.file().replace('\\', '/').endsWith(file) && p.line() == line && java.util.Objects.equals(p.step(), step))
        .filter(p -> Arrays.stream(fragments).allMatch(f -> p.message().contains(f)))
        .toList();
    if (found.size() != 1) {
      fail("expected one problem at " + file + ":" + line + " [" + step + "] with " + Arrays.toString(fragments) + ", found "
          + found.size() + " among:\n" + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }
    return found.get(0);
  }

  @Test
  void stepProblemsAreAllReportedWithTheirLines() {
    List<Problem> p = Estate.validate(CONFIG.resolve("bad-steps"));
    String f = "bad-steps/shop.yaml";
    expect(p, f, 5, "typo-action", "unknown action 'cosmos.setWriteRegon'", "did you mean 'cosmos.setWriteRegion'");
    expect(p, f, 10, "no-such-target", "unknown target 'dbb' in stamp shop", "did you mean 'db'", "resources: tm, db");
    expect(p, f, 14, "wrong-kind", "target 'tm' is a trafficManager", "cosmos.setWriteRegion needs a cosmosDb", "cosmosDb resources in stamp shop: db");
    expect(p, f, 19, "missing-param", "trafficManager.setEndpointPriority needs parameter 'priority'");
    expect(p, f, 23, "unknown-param", "unknown parameter 'regoin' for cosmos.readReplication", "parameters: none");
    expect(p, f, 27, "a", "dependsOn cycle: a -> b -> a");
    expect(p, f, 35, "lonely", "dependsOn names 'nowhere', which is no step of runbook shop");
    expect(p, f, 36, "a", "duplicate step id 'a'", "first defined at line 24");
    expect(p, f, 40, "gate-nobody", "approval gate without approvers", "approvers of stamp shop");
    expect(p, f, 42, "gate-unknown-group", "unknown group 'leeds'", "did you mean 'group:leads'", "groups: leads");
    expect(p, f, 46, "typo-key", "unknown key 'dependOn' in a step", "did you mean 'dependsOn'", "allowed: id, description, modes");
    expect(p, f, 50, "bad-values", "timeout '5 minutes' is not a duration such as 30s, 15m");
    expect(p, f, 51, "bad-values", "unknown mode 'rehearsal'", "allowed: failover, failback, drill");
    expect(p, f, 53, "bad-gate", "approval.when 'sometimes' is not allowed", "allowed: always, policy", "dataLoss");
    expect(p, f, 53, "bad-gate", "approval.onTimeout 'wait' is not allowed", "abort, escalate or proceed");
    expect(p, f, 57, "bad-placeholder", "unknown placeholder ${target}", "${from} ${to} ${primary} ${secondary} ${stamp}");
    expect(p, f, 66, "both", "depends on 'lonely', which is not part of failback");
    assertEquals(17, p.size(), () -> "unexpected extra problems:\n" + p.stream().map(Problem::toString).collect(Collectors.joining("\n")));
  }

  @Test
  void inventoryProblemsAreAllReportedWithTheirLines() {
    List<Problem> p = Estate.validate(CONFIG.resolve("bad-inventory"));
    String f = "bad-inventory/inventory.yaml";
    expect(p, f, 2, null, "workers run in eastus, the primary region of stamp 'shop'", "DESIGN rule 10");
    expect(p, f, 8, null, "secondaryRegion must differ from primaryRegion (both are eastus)");
    expect(p, f, 9, null, "unknown group 'leeds'", "did you mean 'group:leads'");
    expect(p, f, 9, null, "'leads' is a group: write 'group:leads'");
    expect(p, f, 10, null, "unknown severity 'Sev9'", "allowed: Sev0, Sev1, Sev2, Sev3, Sev4");
    expect(p, f, 10, null, "lists Sev0 both as automatic and as needing approval");
    expect(p, f, 11, null, "approval.timeout 'soon' is not a duration");
    expect(p, f, 11, null, "onTimeout is escalate but escalateTo names nobody");
    expect(p, f, 12, null, "unknown key 'cooldwn' in a stamp", "did you mean 'cooldown'", "allowed: name, primaryRegion");
    expect(p, f, 14, null, "unknown kind 'trafficManagr'", "did you mean 'trafficManager'", "kinds: trafficManager, frontDoor");
    expect(p, f, 15, null, "id of a cosmosDb resource must be of type Microsoft.DocumentDB/databaseAccounts", "not Microsoft.Storage/storageAccounts");
    expect(p, f, 16, null, "id 'not-an-id' is not an Azure resource ID", "/subscriptions/<subscription-guid>/resourceGroups/<group>/providers/Microsoft.Storage/storageAccounts/<name>");
    expect(p, f, 17, null, "'ftp://x' is not an http:// or https:// URL");
    expect(p, f, 18, null, "resource web needs 'id'");
    expect(p, "bad-inventory/runbooks.yaml", 2, null, "stamp 'shopp'", "does not define", "did you mean 'shop'", "stamps: shop");
    expect(p, "bad-inventory/more/shop-two.yaml", 4, "again", "stamp shop already has failover steps in runbook shop-one",
        "each mode's steps must live in one runbook");
    // schema/ is skipped (its file is not even YAML) and a YAML file without runbook: is not a runbook.
    assertEquals(16, p.size(), () -> p.stream().map(Problem::toString).collect(Collectors.joining("\n")));
  }

  @Test
  void aMissingInventoryIsOneProblemNotACascade() {
    List<Problem> p = Estate.validate(CONFIG.resolve("missing-inventory"));
    assertEquals(1, p.size(), p::toString);
    expect(p, "missing-inventory/inventory.yaml", 0, null, "missing inventory.yaml", "where the workers run");
  }

  @Test
  void yamlSyntaxErrorsCarryTheirLine() {
    List<Problem> p = Estate.validate(CONFIG.resolve("syntax-error"));
    expect(p, "syntax-error/inventory.yaml", 6, null, "YAML syntax error");
    expect(p, "syntax-error/shop.yaml", 6, null, "YAML syntax error", "flow sequence");
    assertEquals(2, p.size(), p::toString);
  }

  @Test
  void problemsComeOrderedByFileAndLine() {
    List<Problem> p = Estate.validate(CONFIG.resolve("bad-steps"));
    for (int i = 1; i < p.size(); i++) {
      assertTrue(p.get(i - 1).line() <= p.get(i).line(), p.get(i - 1) + " before " + p.get(i));
    }
  }

  @Test
  void loadThrowsWithEveryProblem() {
    EstateException e = assertThrows(EstateException.class, () -> Estate.load(CONFIG.resolve("bad-steps")));
    assertEquals(Estate.validate(CONFIG.resolve("bad-steps")), e.problems());
    assertTrue(e.getMessage().contains("(and 16 more)"), e.getMessage());
  }

  @Test
  void notADirectoryIsAProblem(@TempDir Path tmp) {
    List<Problem> p = Estate.validate(tmp.resolve("nowhere"));
    assertEquals(1, p.size());
    assertTrue(p.get(0).message().startsWith("not a directory"), p.get(0).message());
  }

  @Test
  void structuralNonsenseIsReportedNeverThrown(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("inventory.yaml"), "- just\n- a list\n");
    Files.writeString(tmp.resolve("rb.yaml"), "runbook: [x]\nstamp: {a: 1}\nsteps: nope\n");
    Files.writeString(tmp.resolve("empty.yaml"), "");
    List<Problem> p = Estate.validate(tmp);
    expect(p, "inventory.yaml", 1, null, "the inventory must be a mapping of inventory, workers, groups, stamps");
    expect(p, "rb.yaml", 1, null, "runbook must be a single value");
    expect(p, "rb.yaml", 2, null, "stamp must be a single value");
    expect(p, "rb.yaml", 3, null, "steps must be a list");
  }

  @Test
  void stepsWithNothingToDoAndTargetsWithoutActionsAreRefused(@TempDir Path tmp) throws Exception {
    Files.copy(CONFIG.resolve("valid/inventory.yaml"), tmp.resolve("inventory.yaml"));
    Files.writeString(tmp.resolve("rb.yaml"), String.join("\n",
        "runbook: rb",
        "stamp: shop",
        "steps:",
        "  - id: idle",
        "  - id: aimless",
        "    target: db",
        "    approval: { when: always }",
        "  - id: untargeted",
        "    action: cosmos.readReplication",
        "  - id: sleepy",
        "    action: cosmos.readReplication",
        "    target: db",
        "    retry: { maximumAttempts: 0, initialInterval: 1m, maximumInterval: 10s }",
        ""));
    List<Problem> p = Estate.validate(tmp);
    expect(p, "rb.yaml", 4, "idle", "a step needs an action, an approval gate, or both");
    expect(p, "rb.yaml", 6, "aimless", "target 'db' without an action");
    expect(p, "rb.yaml", 9, "untargeted", "cosmos.readReplication works on a cosmosDb resource: add 'target:'", "cosmosDb resources in stamp shop: db");
    expect(p, "rb.yaml", 13, "sleepy", "retry.maximumAttempts '0' must be a whole number of at least 1");
    expect(p, "rb.yaml", 13, "sleepy", "retry.maximumInterval (10s) must be at least retry.initialInterval (1m)");
    assertEquals(5, p.size(), p::toString);
  }
}
