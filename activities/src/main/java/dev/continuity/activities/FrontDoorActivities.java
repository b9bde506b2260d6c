package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.cdn.fluent.AfdOriginsClient;
import com.azure.resourcemanager.cdn.fluent.models.AfdOriginInner;
import com.azure.resourcemanager.cdn.models.AfdOriginUpdateParameters;
import com.azure.resourcemanager.cdn.models.EnabledState;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.FrontDoorActions;
import java.util.Objects;
import java.util.function.Predicate;

/** Front Door Standard/Premium origins (Microsoft.Cdn/profiles): the origin update is a long-running PATCH. */
public final class FrontDoorActivities implements FrontDoorActions {
  static final String ROLE = "CDN Profile Contributor on the Front Door profile";

  private final AzureClients clients;
  private final ResumableOperation operations;

  public FrontDoorActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult setOriginPriority(ActionRequest request) {
    int priority = Params.integer(request, "priority", 1, 5);
    return change(request, "priority " + priority, o -> Objects.equals(o.priority(), priority),
        new AfdOriginUpdateParameters().withPriority(priority));
  }

  @Override
  public ActionResult setOriginEnabled(ActionRequest request) {
    EnabledState desired = Params.bool(request, "enabled") ? EnabledState.ENABLED : EnabledState.DISABLED;
    return change(request, desired.toString(), o -> desired.equals(o.enabledState()),
        new AfdOriginUpdateParameters().withEnabledState(desired));
  }

  private ActionResult change(ActionRequest request, String desired, Predicate<AfdOriginInner> isDesired,
      AfdOriginUpdateParameters patch) {
    ArmId id = ArmId.of(request);
    String group = originGroup(request);
    String origin = Params.string(request, "origin");
    String where = id + "/originGroups/" + group + "/origins/" + origin;
    AfdOriginsClient origins = clients.cdn(id.subscription()).serviceClient().getAfdOrigins();

    var pending = ResumableOperation.pending(request.action(), where);
    boolean resumed = pending.isPresent();
    if (resumed) {
      operations.resume(pending.get(), ROLE);
    } else {
      AfdOriginInner current = get(origins, id, group, origin, where);
      if (isDesired.test(current)) {
        return ActionResult.unchanged("origin " + origin + " in " + group + " already " + desired);
      }
      operations.start(request.action(), where, ROLE,
          () -> origins.updateWithResponseAsync(id.resourceGroup(), id.name(), group, origin, patch));
    }
    AfdOriginInner after = get(origins, id, group, origin, where);
    if (!isDesired.test(after)) {
      throw AzureCall.notConverged("origin " + origin + " in " + group + " is not " + desired + " after the update");
    }
    return ActionResult.changed("origin " + origin + " in " + group + " set to " + desired + (resumed ? " (resumed operation)" : ""));
  }

  private static AfdOriginInner get(AfdOriginsClient origins, ArmId id, String group, String origin, String where) {
    return AzureCall.run(where, ROLE,
        () -> origins.getWithResponse(id.resourceGroup(), id.name(), group, origin, Context.NONE).getValue());
  }

  /** The step's parameter, else the inventory's properties.originGroup, else "default". */
  private static String originGroup(ActionRequest request) {
    String group = Params.optionalString(request, "originGroup");
    if (group != null) return group;
    Object fromInventory = request.target().properties() == null ? null : request.target().properties().get("originGroup");
    return fromInventory == null ? "default" : fromInventory.toString();
  }
}
