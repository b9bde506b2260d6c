package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Read-only checks of AI services in the target region. */
@ActivityInterface
public interface ServiceStateActions {

  @ActivityMethod(name = "search.readState")
  @ActionDoc(target = "aiSearch", summary = "Read an AI Search service's status and provisioning state; fails unless it is running.",
      permissions = {
        "Microsoft.Search/searchServices/read"},
      expectedSeconds = 2)
  ActionResult readSearchState(ActionRequest request);

  @ActivityMethod(name = "ml.readEndpointState")
  @ActionDoc(target = "mlEndpoint", summary = "Read an ML online endpoint's provisioning state; fails unless it succeeded.",
      permissions = {
        "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/read"},
      expectedSeconds = 2)
  ActionResult readEndpointState(ActionRequest request);
}
