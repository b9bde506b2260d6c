package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Front Door Standard/Premium: which origin of an origin group serves. */
@ActivityInterface
public interface FrontDoorActions {

  @ActivityMethod(name = "frontDoor.setOriginPriority")
  @ActionDoc(target = "frontDoor", movesTraffic = true, summary = "Set an origin's priority in its origin group (lower serves first).",
      permissions = {
        "Microsoft.Cdn/profiles/originGroups/origins/read",
        "Microsoft.Cdn/profiles/originGroups/origins/write",
        "Microsoft.Cdn/operationresults/read"},
      expectedSeconds = 60, longRunning = true,
      params = {
        @Param(name = "originGroup", doc = "origin group name"),
        @Param(name = "origin", doc = "origin name"),
        @Param(name = "priority", doc = "the desired priority, 1..5")
      })
  ActionResult setOriginPriority(ActionRequest request);

  @ActivityMethod(name = "frontDoor.setOriginEnabled")
  @ActionDoc(target = "frontDoor", movesTraffic = true, summary = "Enable or disable an origin.", expectedSeconds = 60, longRunning = true,
      permissions = {
        "Microsoft.Cdn/profiles/originGroups/origins/read",
        "Microsoft.Cdn/profiles/originGroups/origins/write",
        "Microsoft.Cdn/operationresults/read"},
      params = {
        @Param(name = "originGroup", doc = "origin group name"),
        @Param(name = "origin", doc = "origin name"),
        @Param(name = "enabled", doc = "true or false")
      })
  ActionResult setOriginEnabled(ActionRequest request);
}
