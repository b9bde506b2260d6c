package dev.continuity.activities;

import com.azure.resourcemanager.trafficmanager.fluent.EndpointsClient;
import com.azure.resourcemanager.trafficmanager.fluent.models.EndpointInner;
import com.azure.resourcemanager.trafficmanager.models.EndpointStatus;
import com.azure.resourcemanager.trafficmanager.models.EndpointTypes;
import com.azure.core.util.Context;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.TrafficManagerActions;
import java.util.Objects;

/** Traffic Manager endpoints: priority and status, read and changed with PATCH (synchronous in ARM). */
public final class TrafficManagerActivities implements TrafficManagerActions {
  static final String ROLE = "Traffic Manager Contributor on the profile";

  private final AzureClients clients;

  public TrafficManagerActivities(AzureClients clients) {
    this.clients = clients;
  }

  @Override
  public ActionResult setEndpointPriority(ActionRequest request) {
    ArmId id = ArmId.of(request);
    String endpoint = Params.string(request, "endpoint");
    long priority = Params.integer(request, "priority", 1, 1000);
    EndpointTypes type = endpointType(request);
    EndpointsClient endpoints = clients.trafficManager(id.subscription()).serviceClient().getEndpoints();
    String where = id + "/" + type + "/" + endpoint;

    EndpointInner current = get(endpoints, id, type, endpoint, where);
    if (Objects.equals(current.priority(), priority)) {
      return ActionResult.unchanged("endpoint " + endpoint + " already has priority " + priority);
    }
    Long before = current.priority();
    EndpointInner after = AzureCall.run(where, ROLE, () -> endpoints.updateWithResponse(
        id.resourceGroup(), id.name(), type, endpoint, new EndpointInner().withPriority(priority), Context.NONE).getValue());
    if (after == null || !Objects.equals(after.priority(), priority)) {
      after = get(endpoints, id, type, endpoint, where);
    }
    if (!Objects.equals(after.priority(), priority)) {
      throw AzureCall.notConverged("endpoint " + endpoint + " still has priority " + after.priority() + " after setting " + priority);
    }
    return ActionResult.changed("endpoint " + endpoint + " priority " + before + " -> " + priority);
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
