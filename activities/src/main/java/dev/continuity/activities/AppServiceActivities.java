package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.appservice.fluent.WebAppsClient;
import com.azure.resourcemanager.appservice.fluent.models.SiteInner;
import com.azure.resourcemanager.appservice.fluent.models.StringDictionaryInner;
import com.azure.resourcemanager.appservice.models.CsmSlotEntity;
import com.azure.resourcemanager.appservice.models.SlotSwapStatus;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.AppServiceActions;
import io.temporal.activity.Activity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** App Service web apps: running state, slot swap, app settings. */
public final class AppServiceActivities implements AppServiceActions {
  static final String ROLE = "Website Contributor on the web app";

  private final AzureClients clients;
  private final ResumableOperation operations;

  public AppServiceActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult start(ActionRequest request) {
    return setState(request, "Running");
  }

  @Override
  public ActionResult stop(ActionRequest request) {
    return setState(request, "Stopped");
  }

  private ActionResult setState(ActionRequest request, String desired) {
    ArmId site = ArmId.of(request);
    WebAppsClient apps = apps(site);
    String before = getSite(apps, site).state();
    if (desired.equalsIgnoreCase(before)) {
      return ActionResult.unchanged("web app " + site.name() + " already " + desired);
    }
    AzureCall.run(site.id(), ROLE, () -> desired.equals("Running")
        ? apps.startWithResponse(site.resourceGroup(), site.name(), Context.NONE)
        : apps.stopWithResponse(site.resourceGroup(), site.name(), Context.NONE));
    String after = getSite(apps, site).state();
    if (!desired.equalsIgnoreCase(after)) {
      throw AzureCall.notConverged("web app " + site.name() + " is " + after + " after asking for " + desired);
    }
    return ActionResult.changed("web app " + site.name() + " " + before + " -> " + after);
  }

  /**
   * A swap toggles, so "already done" is read from the site's last swap: the slot swapped into
   * production since this activity was first scheduled means an earlier attempt did it.
   */
  @Override
  public ActionResult swapSlot(ActionRequest request) {
    ArmId site = ArmId.of(request);
    String slot = Params.string(request, "slot");
    WebAppsClient apps = apps(site);
    Instant scheduled = Instant.ofEpochMilli(Activity.getExecutionContext().getInfo().getScheduledTimestamp());
    var pending = ResumableOperation.pending(request.action(), site.id());
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
    } else {
      if (swappedSince(getSite(apps, site).slotSwapStatus(), slot, scheduled)) {
        return ActionResult.unchanged("slot " + slot + " of " + site.name() + " was already swapped into production by this step");
      }
      operations.start(request.action(), site.id(), ROLE, () -> apps.swapSlotWithProductionWithResponseAsync(
          site.resourceGroup(), site.name(), new CsmSlotEntity().withTargetSlot(slot).withPreserveVnet(true)));
    }
    SlotSwapStatus status = getSite(apps, site).slotSwapStatus();
    if (status != null && status.sourceSlotName() != null && !swappedSince(status, slot, scheduled)) {
      throw AzureCall.notConverged("the last swap of " + site.name() + " is " + status.sourceSlotName() + " -> "
          + status.destinationSlotName() + " at " + status.timestampUtc() + ", not slot " + slot);
    }
    return ActionResult.changed("slot " + slot + " of " + site.name() + " swapped into production");
  }

  private static boolean swappedSince(SlotSwapStatus status, String slot, Instant since) {
    return status != null && status.timestampUtc() != null
        && slot.equalsIgnoreCase(status.sourceSlotName())
        && (status.destinationSlotName() == null || "production".equalsIgnoreCase(status.destinationSlotName()))
        && !status.timestampUtc().toInstant().isBefore(since);
  }

  @Override
  public ActionResult setAppSettings(ActionRequest request) {
    ArmId site = ArmId.of(request);
    Map<String, String> wanted = Params.stringMap(request, "settings");
    WebAppsClient apps = apps(site);
    Map<String, String> current = settings(apps, site);
    Map<String, String> merged = new LinkedHashMap<>(current);
    merged.putAll(wanted);
    if (merged.equals(current)) {
      return ActionResult.unchanged("app settings " + wanted.keySet() + " of " + site.name() + " already set");
    }
    // The settings PUT replaces the whole set: send the ones already there too.
    AzureCall.run(site.id(), ROLE, () -> apps.updateApplicationSettings(site.resourceGroup(), site.name(),
        new StringDictionaryInner().withProperties(merged)));
    Map<String, String> after = settings(apps, site);
    for (var e : wanted.entrySet()) {
      if (!Objects.equals(after.get(e.getKey()), e.getValue())) {
        throw AzureCall.notConverged("app setting " + e.getKey() + " of " + site.name() + " did not take its new value");
      }
    }
    // Values may be secrets' Key Vault references: name the settings, never echo values.
    return ActionResult.changed("app settings " + changedNames(current, wanted) + " of " + site.name() + " updated");
  }

  private static java.util.List<String> changedNames(Map<String, String> current, Map<String, String> wanted) {
    return wanted.entrySet().stream().filter(e -> !Objects.equals(current.get(e.getKey()), e.getValue())).map(Map.Entry::getKey).toList();
  }

  private static Map<String, String> settings(WebAppsClient apps, ArmId site) {
    StringDictionaryInner dict = AzureCall.run(site.id(), ROLE,
        () -> apps.listApplicationSettingsWithResponse(site.resourceGroup(), site.name(), Context.NONE).getValue());
    return dict == null || dict.properties() == null ? Map.of() : dict.properties();
  }

  private WebAppsClient apps(ArmId site) {
    return clients.appService(site.subscription()).serviceClient().getWebApps();
  }

  private static SiteInner getSite(WebAppsClient apps, ArmId site) {
    return AzureCall.run(site.id(), ROLE,
        () -> apps.getByResourceGroupWithResponse(site.resourceGroup(), site.name(), Context.NONE).getValue());
  }
}
