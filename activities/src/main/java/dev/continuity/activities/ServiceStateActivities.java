package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.search.fluent.models.SearchServiceInner;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.ServiceStateActions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Read-only checks that the AI services of the target region are ready to take traffic.
 * A service that is not ready fails the step (retryable: it may still be coming up).
 */
public final class ServiceStateActivities implements ServiceStateActions {
  static final String ROLE = "Reader on the resource";
  /** No ML management artifact resolves on this build's mirror; the generic resource API reads the endpoint. */
  static final String ML_API_VERSION = "2024-10-01";

  private final AzureClients clients;

  public ServiceStateActivities(AzureClients clients) {
    this.clients = clients;
  }

  @Override
  public ActionResult readSearchState(ActionRequest request) {
    ArmId id = ArmId.of(request);
    SearchServiceInner service = AzureCall.run(id.id(), ROLE, () -> clients.search(id.subscription()).serviceClient()
        .getServices().getByResourceGroupWithResponse(id.resourceGroup(), id.name(), null, Context.NONE).getValue());
    String status = service.status() == null ? null : service.status().toString();
    String provisioning = service.provisioningState() == null ? null : service.provisioningState().toString();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("status", status);
    facts.put("provisioningState", provisioning);
    if (!"running".equalsIgnoreCase(status) || !"succeeded".equalsIgnoreCase(provisioning)) {
      throw AzureCall.notConverged("search service " + id.name() + " is not ready: status " + status
          + ", provisioning " + provisioning + (service.statusDetails() == null ? "" : " (" + service.statusDetails() + ")"));
    }
    return new ActionResult(false, "search service " + id.name() + " running", facts);
  }

  @Override
  public ActionResult readEndpointState(ActionRequest request) {
    ArmId id = ArmId.of(request);
    GenericResource endpoint = AzureCall.run(id.id(), ROLE,
        () -> clients.resources(id.subscription()).genericResources()
            // the SDK puts the ID after a '/' of its own
            .getById(id.id().replaceFirst("^/+", ""), ML_API_VERSION));
    Object props = endpoint.properties();
    Object provisioning = props instanceof Map<?, ?> m ? m.get("provisioningState") : null;
    Object traffic = props instanceof Map<?, ?> m ? m.get("traffic") : null;
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("provisioningState", provisioning == null ? null : provisioning.toString());
    if (traffic != null) facts.put("traffic", traffic.toString());
    if (!"succeeded".equalsIgnoreCase(String.valueOf(provisioning))) {
      throw AzureCall.notConverged("ML endpoint " + id.name() + " is not ready: provisioning " + provisioning);
    }
    return new ActionResult(false, "ML endpoint " + id.name() + " succeeded" + (traffic == null ? "" : ", traffic " + traffic), facts);
  }
}
