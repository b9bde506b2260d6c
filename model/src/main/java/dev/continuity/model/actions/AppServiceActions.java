package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** App Service web apps. */
@ActivityInterface
public interface AppServiceActions {

  @ActivityMethod(name = "appService.start")
  @ActionDoc(target = "appService", summary = "Start the web app.", expectedSeconds = 15,
      permissions = {
        "Microsoft.Web/sites/read",
        "Microsoft.Web/sites/start/action"})
  ActionResult start(ActionRequest request);

  @ActivityMethod(name = "appService.stop")
  @ActionDoc(target = "appService", summary = "Stop the web app.", expectedSeconds = 15,
      permissions = {
        "Microsoft.Web/sites/read",
        "Microsoft.Web/sites/stop/action"})
  ActionResult stop(ActionRequest request);

  @ActivityMethod(name = "appService.swapSlot")
  @ActionDoc(target = "appService", summary = "Swap a deployment slot into production.", expectedSeconds = 60, longRunning = true,
      permissions = {
        "Microsoft.Web/sites/read",
        "Microsoft.Web/sites/slotsswap/action",
        "Microsoft.Web/sites/operationresults/read",
        "Microsoft.Web/sites/operations/read"},
      params = {@Param(name = "slot", doc = "the slot to swap into production")})
  ActionResult swapSlot(ActionRequest request);

  @ActivityMethod(name = "appService.setAppSettings")
  @ActionDoc(target = "appService", summary = "Set app settings (names and values; secrets belong in Key Vault references).",
      permissions = {
        "Microsoft.Web/sites/config/list/action",
        "Microsoft.Web/sites/config/write"},
      expectedSeconds = 15,
      params = {@Param(name = "settings", doc = "map of setting name to value")})
  ActionResult setAppSettings(ActionRequest request);
}
