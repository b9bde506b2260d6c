package dev.continuity.activities;

import com.azure.core.util.Context;
import com.azure.resourcemanager.sql.fluent.FailoverGroupsClient;
import com.azure.resourcemanager.sql.fluent.models.FailoverGroupInner;
import com.azure.resourcemanager.sql.models.FailoverGroupReplicationRole;
import com.azure.resourcemanager.sql.models.PartnerInfo;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.SqlActions;
import io.temporal.failure.ApplicationFailure;

/**
 * Azure SQL failover groups. The failover request goes to the server that is to become primary
 * (the partner in the operation's target region), as Azure requires.
 */
public final class SqlActivities implements SqlActions {
  static final String ROLE = "SQL Server Contributor on both servers of the failover group";

  private final AzureClients clients;
  private final ResumableOperation operations;

  public SqlActivities(AzureClients clients, ActivitiesConfig config) {
    this.clients = clients;
    this.operations = new ResumableOperation(clients.pipeline(), config);
  }

  @Override
  public ActionResult failoverGroup(ActionRequest request) {
    ArmId server = ArmId.of(request);
    String group = Params.string(request, "failoverGroup");
    Boolean allowDataLossParam = Params.optionalBool(request, "allowDataLoss");
    boolean allowDataLoss = allowDataLossParam != null ? allowDataLossParam : !request.planned();
    FailoverGroupsClient groups = clients.sql(server.subscription()).serviceClient().getFailoverGroups();
    String where = server + "/failoverGroups/" + group;

    var pending = ResumableOperation.pending(request.action(), where);
    ArmId newPrimary;
    if (pending.isPresent()) {
      operations.resume(pending.get(), ROLE);
      newPrimary = primaryCandidate(request, groups, server, group, where);
    } else {
      newPrimary = primaryCandidate(request, groups, server, group, where);
      FailoverGroupInner seen = get(groups, newPrimary, group);
      if (FailoverGroupReplicationRole.PRIMARY.equals(seen.replicationRole())) {
        return ActionResult.unchanged("server " + newPrimary.name() + " is already primary of " + group);
      }
      ArmId target = newPrimary;
      operations.start(request.action(), where, ROLE, () -> allowDataLoss
          ? groups.forceFailoverAllowDataLossWithResponseAsync(target.resourceGroup(), target.name(), group)
          : groups.failoverWithResponseAsync(target.resourceGroup(), target.name(), group));
    }
    FailoverGroupInner after = get(groups, newPrimary, group);
    if (!FailoverGroupReplicationRole.PRIMARY.equals(after.replicationRole())) {
      throw AzureCall.notConverged("server " + newPrimary.name() + " is " + after.replicationRole() + " of " + group + " after the failover");
    }
    return ActionResult.changed((allowDataLoss ? "forced " : "") + "failover of " + group + ": " + newPrimary.name() + " is primary");
  }

  /**
   * The server that should be primary: the target itself when it sits in the target region,
   * otherwise its partner there. The inventory's properties.partnerServer names the partner
   * without asking the target's region, which may be the one that is down.
   */
  private static ArmId primaryCandidate(ActionRequest request, FailoverGroupsClient groups, ArmId server, String group, String where) {
    String toRegion = request.toRegion();
    if (toRegion != null && Regions.same(request.target().region(), toRegion)) return server;
    Object partner = request.target().properties() == null ? null : request.target().properties().get("partnerServer");
    if (partner != null && !partner.toString().isBlank()) {
      String p = partner.toString().trim();
      // a bare name is a server of the target's resource group
      return ArmId.parse(p.startsWith("/") ? p : server.id().substring(0, server.id().lastIndexOf('/') + 1) + p);
    }
    FailoverGroupInner fg;
    try {
      fg = AzureCall.run(where, ROLE,
          () -> groups.getWithResponse(server.resourceGroup(), server.name(), group, Context.NONE).getValue());
    } catch (ApplicationFailure f) {
      if (f.isNonRetryable()) throw f;
      throw ApplicationFailure.newBuilder(f).setMessage(f.getOriginalMessage()
          + " (naming the partner in the inventory's properties.partnerServer avoids asking the primary's region)").build();
    }
    if (fg.partnerServers() == null || fg.partnerServers().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("failover group " + group + " on " + server.name() + " has no partner server", "InvalidRequest");
    }
    for (PartnerInfo p : fg.partnerServers()) {
      if (toRegion == null || Regions.same(p.location(), toRegion)) return ArmId.parse(p.id());
    }
    throw ApplicationFailure.newNonRetryableFailure("failover group " + group + " has no partner server in " + toRegion, "InvalidRequest");
  }

  private static FailoverGroupInner get(FailoverGroupsClient groups, ArmId server, String group) {
    return AzureCall.run(server + "/failoverGroups/" + group, ROLE,
        () -> groups.getWithResponse(server.resourceGroup(), server.name(), group, Context.NONE).getValue());
  }
}
