package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure DNS: where a record points and for how long resolvers cache it. */
@ActivityInterface
public interface DnsActions {

  @ActivityMethod(name = "dns.setRecordTarget")
  @ActionDoc(target = "dnsZone", movesTraffic = true, summary = "Point a CNAME or A record at a target, with a TTL.", expectedSeconds = 5,
      permissions = {
        "Microsoft.Network/dnsZones/A/read",
        "Microsoft.Network/dnsZones/A/write",
        "Microsoft.Network/dnsZones/CNAME/read",
        "Microsoft.Network/dnsZones/CNAME/write"},
      params = {
        @Param(name = "recordType", doc = "CNAME or A"),
        @Param(name = "record", doc = "relative record set name, e.g. www"),
        @Param(name = "target", doc = "CNAME target host, or IPv4 address for A"),
        @Param(name = "ttl", doc = "TTL in seconds (default: keep the current one)", required = false)
      })
  ActionResult setRecordTarget(ActionRequest request);
}
