package dev.continuity.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.actions.ActionCatalog;
import dev.continuity.model.plan.Mode;
import dev.continuity.model.plan.Plan;
import dev.continuity.model.plan.PlanStep;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runbooks shipped in runbooks/ are valid and compile for every stamp and mode. */
class ShippedRunbooksTest {
  static final Path SHIPPED = Path.of("..", "runbooks");

  @Test
  void shippedConfigurationHasNoProblems() {
    List<Problem> problems = Estate.validate(SHIPPED);
    assertTrue(problems.isEmpty(), () -> "problems in runbooks/:\n" + String.join("\n", problems.stream().map(Problem::toString).toList()));
  }

  @Test
  void everyStampCompilesInEveryMode() throws EstateException {
    Estate estate = Estate.load(SHIPPED);
    List<String> stamps = List.of("ai-platform", "web-api", "data-pipelines", "aks-airflow", "genai");
    assertEquals(stamps, estate.inventory().stamps().stream().map(s -> s.name()).toList());
    for (String stamp : stamps) {
      for (Mode mode : Mode.values()) {
        Plan plan = PlanCompiler.compile(estate, stamp, mode);
        assertTrue(plan.steps().size() >= 5, stamp + " " + mode);
        for (PlanStep s : plan.steps()) {
          if (s.action() != null) assertTrue(ActionCatalog.names().contains(s.action()), s.action());
          assertTrue(!String.valueOf(s.params()).contains("${"), "placeholder left in " + stamp + " " + s.id());
        }
        String text = PlanText.render(plan);
        assertTrue(text.contains("Critical path"), text);
      }
    }
  }
}
