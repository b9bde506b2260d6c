package dev.continuity.activities;

import com.azure.resourcemanager.trafficmanager.fluent.EndpointsClient;
import com.azure.resourcemanager.trafficmanager.fluent.models.EndpointInner;
import com.azure.resourcemanager.trafficmanager.models.EndpointStatus;
import com.azure.resourcemanager.trafficmanager.models.EndpointTypes;
import com.azure.core.util.Context;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.TrafficManagerActions;
import com.azure.resourcemanager.trafficmanager.fluent.models.ProfileInner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Traffic Manager endpoints: priority and status, read and changed with PATCH (synchronous in ARM). */
public final class TrafficManagerActivities implements TrafficManagerActions {
  static final String ROLE = "Traffic Manager Contributor on the profile";
  /** Where an endpoint waits while another takes its priority; runbooks may use 1..999. */
  static final int PARKED = 1000;

  private final AzureClients clients;

  public TrafficManagerActivities(AzureClients clients) {
    this.clients = clients;
  }

  /**
   * Traffic Manager refuses two endpoints with one priority, so the endpoint that holds the wanted
   * priority is first parked at {@link #PARKED}, then given the moved endpoint's old priority. A
   * parked endpoint left by a crashed attempt is finished the same way on the next run.
   */
  @Override
  public ActionResult setEndpointPriority(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String endpoint = Params.string(request, "endpoint");
    long priority = Params.integer(request, "priority", 1, PARKED - 1);
    EndpointTypes type = endpointType(request);
    EndpointsClient endpoints = clients.trafficManager(id.subscription()).serviceClient().getEndpoints();
    String where = id + "/" + type + "/" + endpoint;

    List<EndpointInner> all = profileEndpoints(id);
    EndpointInner current = all.stream().filter(e -> endpoint.equalsIgnoreCase(e.name())).findFirst()
        .orElseGet(() -> get(endpoints, id, type, endpoint, where));
    List<EndpointInner> parked = all.stream()
        .filter(e -> !endpoint.equalsIgnoreCase(e.name()) && Objects.equals(e.priority(), (long) PARKED)).toList();
    if (Objects.equals(current.priority(), priority) && parked.isEmpty()) {
      return ActionResult.unchanged("endpoint " + endpoint + " already has priority " + priority);
    }
    Long before = current.priority();
    List<String> moved = new ArrayList<>();
    List<EndpointInner> displaced = new ArrayList<>(parked);
    for (EndpointInner other : all) {
      if (!endpoint.equalsIgnoreCase(other.name()) && Objects.equals(other.priority(), priority)) {
        patchPriority(endpoints, id, other, PARKED);
        displaced.add(other);
      }
    }
    if (!Objects.equals(before, priority)) {
      AzureCall.run(where, ROLE, () -> endpoints.updateWithResponse(
          id.resourceGroup(), id.name(), type, endpoint, new EndpointInner().withPriority(priority), Context.NONE));
    }
    for (EndpointInner other : displaced) {
      long target = before != null && before != priority && before != PARKED && free(profileEndpoints(id), before)
          ? before : lowestFree(profileEndpoints(id), priority);
      patchPriority(endpoints, id, other, target);
      moved.add(other.name() + " -> " + target);
    }
    EndpointInner after = get(endpoints, id, type, endpoint, where);
    if (!Objects.equals(after.priority(), priority)) {
      throw AzureCall.notConverged("endpoint " + endpoint + " still has priority " + after.priority() + " after setting " + priority);
    }
    return ActionResult.changed("endpoint " + endpoint + " priority " + before + " -> " + priority
        + (moved.isEmpty() ? "" : "; moved " + String.join(", ", moved)));
  }

  private List<EndpointInner> profileEndpoints(ArmId id) {
    ProfileInner profile = AzureCall.run(id.id(), ROLE, () -> clients.trafficManager(id.subscription()).serviceClient()
        .getProfiles().getByResourceGroupWithResponse(id.resourceGroup(), id.name(), Context.NONE).getValue());
    return profile == null || profile.endpoints() == null ? List.of() : profile.endpoints();
  }

  private static void patchPriority(EndpointsClient endpoints, ArmId id, EndpointInner endpoint, long priority) {
    EndpointTypes type = typeOf(endpoint);
    AzureCall.run(id + "/" + type + "/" + endpoint.name(), ROLE, () -> endpoints.updateWithResponse(id.resourceGroup(), id.name(),
        type, endpoint.name(), new EndpointInner().withPriority(priority), Context.NONE));
  }

  private static boolean free(List<EndpointInner> all, long priority) {
    return all.stream().noneMatch(e -> Objects.equals(e.priority(), priority));
  }

  private static long lowestFree(List<EndpointInner> all, long above) {
    long p = above + 1;
    while (!free(all, p)) p++;
    return p;
  }

  /** "Microsoft.Network/trafficManagerProfiles/azureEndpoints" -> AZURE_ENDPOINTS. */
  private static EndpointTypes typeOf(EndpointInner endpoint) {
    String t = endpoint.type() == null ? "" : endpoint.type().substring(endpoint.type().lastIndexOf('/') + 1);
    for (EndpointTypes candidate : EndpointTypes.values()) {
      if (candidate.toString().equalsIgnoreCase(t)) return candidate;
    }
    return EndpointTypes.AZURE_ENDPOINTS;
  }

  @Override
  public ActionResult setEndpointStatus(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String endpoint = Params.string(request, "endpoint");
    EndpointStatus desired = Params.bool(request, "enabled") ? EndpointStatus.ENABLED : EndpointStatus.DISABLED;
    EndpointTypes type = endpointType(request);
    EndpointsClient endpoints = clients.trafficManager(id.subscription()).serviceClient().getEndpoints();
    String where = id + "/" + type + "/" + endpoint;

    EndpointInner current = get(endpoints, id, type, endpoint, where);
    if (desired.equals(current.endpointStatus())) {
      return ActionResult.unchanged("endpoint " + endpoint + " already " + desired);
    }
    AzureCall.run(where, ROLE, () -> endpoints.updateWithResponse(
        id.resourceGroup(), id.name(), type, endpoint, new EndpointInner().withEndpointStatus(desired), Context.NONE));
    EndpointInner after = get(endpoints, id, type, endpoint, where);
    if (!desired.equals(after.endpointStatus())) {
      throw AzureCall.notConverged("endpoint " + endpoint + " is " + after.endpointStatus() + " after setting " + desired);
    }
    return ActionResult.changed("endpoint " + endpoint + " " + current.endpointStatus() + " -> " + desired);
  }

  private static EndpointInner get(EndpointsClient endpoints, ArmId id, EndpointTypes type, String endpoint, String where) {
    return AzureCall.run(where, ROLE,
        () -> endpoints.getWithResponse(id.resourceGroup(), id.name(), type, endpoint, Context.NONE).getValue());
  }

  private static EndpointTypes endpointType(ActionRequest request) {
    String raw = Params.optionalString(request, "endpointType");
    if (raw == null) return EndpointTypes.AZURE_ENDPOINTS;
    for (EndpointTypes t : EndpointTypes.values()) {
      if (t.toString().equalsIgnoreCase(raw) || t.name().replace("_", "").equalsIgnoreCase(raw)) return t;
    }
    throw Params.bad(request, "endpointType", "must be azureEndpoints, externalEndpoints or nestedEndpoints, got '" + raw + "'");
  }
}
