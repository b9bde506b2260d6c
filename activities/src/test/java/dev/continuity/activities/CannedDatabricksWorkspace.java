package dev.continuity.activities;

import dev.continuity.model.actions.DatabricksActions;
import java.io.IOException;

/** The Databricks actions, run in Temporal's test activity environment, against a workspace of canned answers. */
final class CannedDatabricksWorkspace implements AutoCloseable {
  final CannedArm arm;
  final DatabricksActions actions;
  private final ActivityHarness harness;

  CannedDatabricksWorkspace() throws IOException {
    arm = new CannedArm();
    harness = new ActivityHarness(arm);
    harness.register(new DatabricksActivities(harness.config));
    actions = harness.stub(DatabricksActions.class);
  }

  @Override
  public void close() {
    harness.close();
    arm.close();
  }
}
