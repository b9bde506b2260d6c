package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import dev.continuity.model.estate.Inventory;
import dev.continuity.model.estate.Resource;
import dev.continuity.model.estate.ResourceKinds;
import dev.continuity.model.estate.Stamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the emulated estate from an inventory, following the demo estate's conventions (see
 * HELPERS.md): primary endpoints/origins at priority 1 and secondary at 2, Cosmos write region in the
 * primary, RA-GRS storage, Redis linked to its secondary cache, AKS warm standby, and so on.
 *
 * <p>Optional resource properties read here: healthProbe {@code hostedIn} (the one region all its endpoints live
 * in, for a single-region service used from every region); dnsZone {@code records} (list of {name, type, target,
 * ttl}); sqlServer {@code failoverGroup}, {@code partnerServer}; redis {@code linkedServer}; aks
 * {@code agentPool}, {@code count}, {@code powerState}, {@code apiServer} (URL the kubeconfig points at; default the
 * emulator's own Kubernetes API), {@code workloads} ("namespace/deployment|statefulset/name" -> replicas); appService {@code appSettings}, {@code slot};
 * alertRule {@code enabled}; frontDoor {@code originGroup}; data services {@code replicationLagSeconds};
 * postgresFlexibleServer / mysqlFlexibleServer {@code sourceServer} (name or ID of the primary that the server
 * is a read replica of; without it the server is a primary); dataFactory {@code triggers} (names, default
 * [daily]; Started in the primary region, Stopped elsewhere, or as {@code triggersStarted} says),
 * {@code runningPipelines} (names with one run in progress each), {@code integrationRuntimes} (self-hosted
 * runtime name -> region of its nodes); databricksWorkspace {@code workspaceUrl}, {@code jobs} (names; schedules
 * unpaused in the primary region, paused elsewhere, or as {@code schedulesPaused} says), {@code activeRuns},
 * {@code servingEndpoints} (name -> {route, entities: entity -> openAi resource name or foundation model});
 * applicationGateway {@code operationalState} (default Running), {@code wafPolicy} (name, default
 * "waf-" + gateway name; "none" for no policy), {@code wafMode} (default Prevention).
 */
final class EstateSeeder {
  private static final Logger log = LoggerFactory.getLogger(EstateSeeder.class);
  private final EmulatorState state = new EmulatorState();

  static EmulatorState seed(Inventory inventory) {
    EstateSeeder s = new EstateSeeder();
    if (inventory != null && inventory.stamps() != null) {
      for (Stamp stamp : inventory.stamps()) {
        if (stamp.resources() == null) continue;
        for (Resource r : stamp.resources().values()) {
          try {
            s.add(stamp, r);
          } catch (RuntimeException e) {
            log.warn("resource {} of stamp {} not emulated: {}", r.name(), stamp.name(), e.getMessage());
          }
        }
      }
    }
    return s.state;
  }

  private void put(ObjectNode doc) {
    state.resources.put(ResourcePath.key(doc.path("id").asText()), doc);
  }

  private boolean has(String id) {
    return state.resources.containsKey(ResourcePath.key(id));
  }

  private void facts(String id, String kind, String region, Stamp stamp, Resource r) {
    ResourceFacts f = new ResourceFacts(kind, Regions.normalize(region), stamp.name());
    Object lag = r == null || r.properties() == null ? null : r.properties().get("replicationLagSeconds");
    if (lag instanceof Number n) f.lagSeconds = n.doubleValue();
    state.facts.put(ResourcePath.key(id), f);
  }

  private static String prop(Resource r, String name, String dflt) {
    Object v = r.properties() == null ? null : r.properties().get(name);
    return v == null ? dflt : v.toString();
  }

  private static ObjectNode base(String template, String id, String type, String location) {
    ObjectNode d = Docs.template(template);
    d.put("id", id);
    d.put("name", Docs.nameOf(id));
    d.put("type", type);
    if (location != null) d.put("location", location);
    return d;
  }

  private void add(Stamp stamp, Resource r) {
    String kind = r.kind();
    String primary = Regions.normalize(stamp.primaryRegion());
    String secondary = Regions.normalize(stamp.secondaryRegion());
    if (ResourceKinds.HEALTH_PROBE.equals(kind)) {
      Object eps = r.properties() == null ? null : r.properties().get("endpoints");
      // A single-region service reached from every region (hostedIn) lives and fails with that region.
      String hostedIn = prop(r, "hostedIn", null);
      if (eps instanceof Map<?, ?> m) m.forEach((region, url) -> state.probeTargets.put(url.toString(),
          Regions.normalize(hostedIn != null ? hostedIn : region.toString())));
      return;
    }
    if (r.id() == null || ResourcePath.parse(r.id()) == null) {
      if (!ResourceKinds.NONE.equals(kind)) log.warn("resource {} has no ARM resource ID; skipped", r.name());
      return;
    }
    String id = r.id();
    String region = r.region() != null ? Regions.normalize(r.region()) : primary;
    switch (kind) {
      case ResourceKinds.TRAFFIC_MANAGER -> trafficManager(stamp, r, id, primary, secondary);
      case ResourceKinds.FRONT_DOOR -> frontDoor(stamp, r, id, primary, secondary);
      case ResourceKinds.DNS_ZONE -> dnsZone(stamp, r, id, primary);
      case ResourceKinds.COSMOS_DB -> cosmos(stamp, r, id, primary, secondary);
      case ResourceKinds.STORAGE_ACCOUNT -> storage(stamp, r, id, primary, secondary);
      case ResourceKinds.SQL_SERVER -> sql(stamp, r, id, region, primary, secondary);
      case ResourceKinds.REDIS -> redis(stamp, r, id, region, secondary);
      case ResourceKinds.AKS -> aks(stamp, r, id, r.region() != null ? region : secondary);
      case ResourceKinds.APP_SERVICE -> appService(stamp, r, id, region);
      case ResourceKinds.ALERT_RULE -> alertRule(stamp, r, id);
      case ResourceKinds.AI_SEARCH -> search(stamp, r, id, region);
      case ResourceKinds.ML_ENDPOINT -> mlEndpoint(stamp, r, id, region);
      case ResourceKinds.OPENAI -> openAi(stamp, r, id, region);
      case ResourceKinds.POSTGRES_FLEXIBLE_SERVER, ResourceKinds.MYSQL_FLEXIBLE_SERVER -> flexibleServer(stamp, r, id, region, primary);
      case ResourceKinds.DATA_FACTORY -> dataFactory(stamp, r, id, region, primary);
      case ResourceKinds.DATABRICKS_WORKSPACE -> databricks(stamp, r, id, region, primary);
      case ResourceKinds.APPLICATION_GATEWAY -> applicationGateway(stamp, r, id, region);
      default -> log.warn("resource kind {} ({}) is not emulated", kind, r.name());
    }
  }

  private String siteHost(Stamp stamp, String region) {
    for (Resource o : stamp.resources().values()) {
      if (ResourceKinds.APP_SERVICE.equals(o.kind()) && o.id() != null && Regions.same(o.region(), region)) {
        return Docs.nameOf(o.id()) + ".azurewebsites.net";
      }
    }
    return stamp.name() + "-" + region + ".azurewebsites.net";
  }

  private String siteId(Stamp stamp, String region) {
    for (Resource o : stamp.resources().values()) {
      if (ResourceKinds.APP_SERVICE.equals(o.kind()) && o.id() != null && Regions.same(o.region(), region)) return o.id();
    }
    return null;
  }

  private void trafficManager(Stamp stamp, Resource r, String id, String primary, String secondary) {
    ObjectNode p = base("trafficManagerProfile", id, "Microsoft.Network/trafficManagerProfiles", "global");
    ObjectNode props = Docs.props(p);
    props.put("profileStatus", "Enabled");
    props.put("trafficRoutingMethod", "Priority");
    ObjectNode dns = Docs.obj(props, "dnsConfig");
    dns.put("relativeName", Docs.nameOf(id));
    dns.put("fqdn", Docs.nameOf(id) + ".trafficmanager.net");
    dns.put("ttl", 30);
    props.putArray("endpoints");
    put(p);
    facts(id, r.kind(), null, stamp, r);
    int prio = 1;
    for (String region : List.of(primary, secondary)) {
      ObjectNode e = base("trafficManagerEndpoint", id + "/azureEndpoints/" + region,
          "Microsoft.Network/trafficManagerProfiles/azureEndpoints", null);
      ObjectNode ep = Docs.props(e);
      String target = siteId(stamp, region);
      if (target != null) ep.put("targetResourceId", target);
      ep.put("target", siteHost(stamp, region));
      ep.put("endpointStatus", "Enabled");
      ep.put("endpointMonitorStatus", "Online");
      ep.put("endpointLocation", Regions.display(region));
      ep.put("priority", prio++);
      ep.put("weight", 1);
      put(e);
    }
  }

  private void frontDoor(Stamp stamp, Resource r, String id, String primary, String secondary) {
    ObjectNode profile = Docs.JSON.objectNode();
    profile.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.Cdn/profiles").put("location", "Global")
        .put("kind", "frontdoor");
    profile.putObject("sku").put("name", "Standard_AzureFrontDoor");
    profile.putObject("properties").put("provisioningState", "Succeeded").put("resourceState", "Active")
        .put("frontDoorId", UUID.nameUUIDFromBytes(id.getBytes()).toString());
    put(profile);
    facts(id, r.kind(), null, stamp, r);
    String group = prop(r, "originGroup", "default");
    String groupId = id + "/originGroups/" + group;
    ObjectNode g = base("frontDoorOriginGroup", groupId, "Microsoft.Cdn/profiles/originGroups", null);
    Docs.props(g).remove("authentication");
    Docs.obj(Docs.props(g), "healthProbeSettings").put("probePath", "/health");
    put(g);
    int prio = 1;
    for (String region : List.of(primary, secondary)) {
      ObjectNode o = base("frontDoorOrigin", groupId + "/origins/" + region, "Microsoft.Cdn/profiles/originGroups/origins", null);
      ObjectNode op = Docs.props(o);
      String host = siteHost(stamp, region);
      op.put("hostName", host);
      op.put("originHostHeader", host);
      op.put("originGroupName", group);
      op.put("priority", prio++);
      op.put("weight", 1000);
      op.put("enabledState", "Enabled");
      op.put("deploymentStatus", "Succeeded");
      put(o);
    }
  }

  private void dnsZone(Stamp stamp, Resource r, String id, String primary) {
    ObjectNode zone = Docs.JSON.objectNode();
    zone.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.Network/dnszones").put("location", "global")
        .put("etag", UUID.randomUUID().toString());
    ObjectNode zp = zone.putObject("properties");
    zp.put("maxNumberOfRecordSets", 10000);
    zp.putArray("nameServers").add("ns1-01.azure-dns.com.").add("ns2-01.azure-dns.net.");
    put(zone);
    facts(id, r.kind(), null, stamp, r);
    Object records = r.properties() == null ? null : r.properties().get("records");
    if (records instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) record(zone, String.valueOf(m.get("type")), String.valueOf(m.get("name")),
            String.valueOf(m.get("target")), m.get("ttl") instanceof Number n ? n.longValue() : 300);
      }
    } else {
      record(zone, "CNAME", "www", siteHost(stamp, primary), 300);
    }
  }

  private void record(ObjectNode zone, String type, String name, String target, long ttl) {
    String t = type.toUpperCase();
    ObjectNode rec = DnsService.newRecord(zone, t, name);
    ObjectNode p = Docs.props(rec);
    p.put("TTL", ttl);
    if (t.equals("A")) p.putArray("ARecords").addObject().put("ipv4Address", target);
    else p.putObject("CNAMERecord").put("cname", target);
    put(rec);
  }

  private void cosmos(Stamp stamp, Resource r, String id, String primary, String secondary) {
    ObjectNode a = base("cosmosAccount", id, "Microsoft.DocumentDB/databaseAccounts", Regions.display(primary));
    a.remove("identity");
    ObjectNode p = Docs.props(a);
    p.put("documentEndpoint", "https://" + Docs.nameOf(id) + ".documents.azure.com:443/");
    p.put("enableAutomaticFailover", false);
    p.put("enableMultipleWriteLocations", false);
    p.putArray("privateEndpointConnections");
    CosmosDbService.setOrder(a, List.of(primary, secondary));
    Docs.obj(p, "emulatorReplication").putArray("offlineRegions");
    put(a);
    facts(id, r.kind(), primary, stamp, r);
  }

  private void storage(Stamp stamp, Resource r, String id, String primary, String secondary) {
    ObjectNode a = base("storageAccount", id, "Microsoft.Storage/storageAccounts", primary);
    a.put("kind", "StorageV2");
    a.putObject("sku").put("name", "Standard_RAGRS").put("tier", "Standard");
    ObjectNode p = Docs.props(a);
    p.remove("geoReplicationStats");
    p.put("primaryLocation", primary);
    p.put("secondaryLocation", secondary);
    p.put("statusOfPrimary", "available");
    p.put("statusOfSecondary", "available");
    p.put("provisioningState", "Succeeded");
    String n = Docs.nameOf(id);
    p.set("primaryEndpoints", endpoints(n));
    p.set("secondaryEndpoints", endpoints(n + "-secondary"));
    put(a);
    facts(id, r.kind(), primary, stamp, r);
    state.facts.get(ResourcePath.key(id)).regionPair = List.of(primary, secondary);
  }

  /** A storage account's service endpoints, as Azure names them ("<account>-secondary" for the secondary). */
  static ObjectNode endpoints(String account) {
    ObjectNode e = Docs.JSON.objectNode();
    for (String svc : List.of("blob", "dfs", "file", "queue", "table")) e.put(svc, "https://" + account + "." + svc + ".core.windows.net/");
    e.put("web", "https://" + account + ".z13.web.core.windows.net/");
    return e;
  }

  private void sql(Stamp stamp, Resource r, String id, String region, String primary, String secondary) {
    ResourcePath rp = ResourcePath.parse(id);
    String partner = prop(r, "partnerServer", null);
    if (partner == null) {
      for (Resource o : stamp.resources().values()) {
        if (o != r && ResourceKinds.SQL_SERVER.equals(o.kind()) && o.id() != null && !Regions.same(o.region(), region)) partner = o.id();
      }
    }
    String partnerRegion = Regions.same(region, primary) ? secondary : primary;
    if (partner == null) partner = Docs.nameOf(id) + "-" + partnerRegion;
    String partnerId = partner.startsWith("/") ? partner : rp.id(0) + "/servers/" + partner;
    String group = prop(r, "failoverGroup", stamp.name() + "-fg");
    sqlServer(stamp, r, id, region);
    if (!has(partnerId)) sqlServer(stamp, null, partnerId, partnerRegion);
    if (has(id + "/failoverGroups/" + group)) return; // seeded from the partner's side
    boolean thisPrimary = Regions.same(region, primary);
    failoverGroup(id, region, partnerId, partnerRegion, group, thisPrimary ? "Primary" : "Secondary");
    failoverGroup(partnerId, partnerRegion, id, region, group, thisPrimary ? "Secondary" : "Primary");
  }

  private void sqlServer(Stamp stamp, Resource r, String id, String region) {
    if (has(id)) return;
    ObjectNode s = Docs.JSON.objectNode();
    s.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.Sql/servers").put("location", region).put("kind", "v12.0");
    s.putObject("properties").put("state", "Ready").put("version", "12.0")
        .put("fullyQualifiedDomainName", Docs.nameOf(id) + ".database.windows.net");
    put(s);
    facts(id, ResourceKinds.SQL_SERVER, region, stamp, r);
  }

  private void failoverGroup(String serverId, String region, String partnerId, String partnerRegion, String group, String role) {
    ObjectNode fg = base("sqlFailoverGroup", serverId + "/failoverGroups/" + group, "Microsoft.Sql/servers/failoverGroups",
        Regions.display(region));
    ObjectNode p = Docs.props(fg);
    p.putObject("readWriteEndpoint").put("failoverPolicy", "Manual");
    p.putObject("readOnlyEndpoint").put("failoverPolicy", "Disabled").put("targetServer", partnerId);
    p.put("replicationRole", role);
    p.put("replicationState", "CATCH_UP");
    ArrayNode partners = p.putArray("partnerServers");
    partners.addObject().put("id", partnerId).put("location", Regions.display(partnerRegion))
        .put("replicationRole", role.equals("Primary") ? "Secondary" : "Primary");
    p.putArray("databases").add(serverId + "/databases/appdb");
    put(fg);
  }

  private void redis(Stamp stamp, Resource r, String id, String region, String secondary) {
    ObjectNode cache = redisCache(stamp, r, id, region);
    String linked = prop(r, "linkedServer", null);
    if (linked == null) return;
    String otherId = null;
    String otherRegion = secondary;
    for (Resource o : stamp.resources().values()) {
      if (ResourceKinds.REDIS.equals(o.kind()) && o.id() != null && (o.name().equals(linked) || Docs.nameOf(o.id()).equals(linked))) {
        otherId = o.id();
        if (o.region() != null) otherRegion = Regions.normalize(o.region());
      }
    }
    if (otherId == null) otherId = linked.startsWith("/") ? linked : ResourcePath.parse(id).id(0) + "/redis/" + linked;
    ObjectNode other = has(otherId) ? state.resources.get(ResourcePath.key(otherId)) : redisCache(stamp, null, otherId, otherRegion);
    put(RedisService.link(cache, other, "Secondary"));
    put(RedisService.link(other, cache, "Primary"));
  }

  private ObjectNode redisCache(Stamp stamp, Resource r, String id, String region) {
    if (has(id)) return state.resources.get(ResourcePath.key(id));
    ObjectNode c = base("redisCache", id, "Microsoft.Cache/Redis", Regions.display(region));
    ObjectNode p = Docs.props(c);
    p.put("provisioningState", "Succeeded");
    p.put("hostName", Docs.nameOf(id) + ".redis.cache.windows.net");
    p.putObject("sku").put("name", "Premium").put("family", "P").put("capacity", 1);
    put(c);
    facts(id, ResourceKinds.REDIS, region, stamp, r);
    return c;
  }

  private void aks(Stamp stamp, Resource r, String id, String region) {
    ObjectNode c = base("aksCluster", id, "Microsoft.ContainerService/managedClusters", region);
    ObjectNode p = Docs.props(c);
    p.put("provisioningState", "Succeeded");
    p.putObject("powerState").put("code", prop(r, "powerState", "Running"));
    p.put("fqdn", Docs.nameOf(id) + "-dns.hcp." + region + ".azmk8s.io");
    String apiServer = prop(r, "apiServer", null);
    if (apiServer != null) p.put("emulatorApiServer", apiServer);
    p.remove("agentPoolProfiles");
    put(c);
    facts(id, r.kind(), region, stamp, r);
    String poolName = prop(r, "agentPool", "nodepool1");
    ObjectNode pool = base("aksAgentPool", id + "/agentPools/" + poolName, "Microsoft.ContainerService/managedClusters/agentPools", null);
    pool.remove("location");
    ObjectNode pp = Docs.props(pool);
    pp.put("count", Integer.parseInt(prop(r, "count", "1")));
    pp.put("mode", "System");
    pp.put("provisioningState", "Succeeded");
    put(pool);
    Object workloads = r.properties() == null ? null : r.properties().get("workloads");
    if (workloads instanceof Map<?, ?> m) KubernetesApi.seed(state, id, m);
  }

  private void appService(Stamp stamp, Resource r, String id, String region) {
    ObjectNode s = base("webSite", id, "Microsoft.Web/sites", Regions.display(region));
    ObjectNode p = Docs.props(s);
    String n = Docs.nameOf(id);
    p.put("state", "Running");
    p.putArray("hostNames").add(n + ".azurewebsites.net");
    p.putArray("enabledHostNames").add(n + ".azurewebsites.net").add(n + ".scm.azurewebsites.net");
    p.put("defaultHostName", n + ".azurewebsites.net");
    p.put("repositorySiteName", n);
    p.put("resourceGroup", ResourcePath.parse(id).resourceGroup);
    ArrayNode ssl = p.putArray("hostNameSslStates");
    for (String h : List.of(n + ".azurewebsites.net", n + ".scm.azurewebsites.net")) {
      ssl.addObject().put("name", h).put("sslState", "Disabled").put("hostType", h.contains(".scm.") ? "Repository" : "Standard");
    }
    put(s);
    facts(id, r.kind(), region, stamp, r);
    ObjectNode settings = Docs.JSON.objectNode();
    settings.put("id", id + "/config/appsettings").put("name", "appsettings").put("type", "Microsoft.Web/sites/config")
        .put("location", Regions.display(region));
    ObjectNode sp = settings.putObject("properties");
    Object given = r.properties() == null ? null : r.properties().get("appSettings");
    if (given instanceof Map<?, ?> m) m.forEach((k, v) -> sp.put(k.toString(), String.valueOf(v)));
    else sp.put("REGION", region).put("DEPLOYMENT", "production");
    put(settings);
    String slot = prop(r, "slot", "staging");
    String slotId = id + "/slots/" + slot;
    ObjectNode slotDoc = Docs.JSON.objectNode();
    slotDoc.put("id", slotId).put("name", n + "/" + slot).put("type", "Microsoft.Web/sites/slots").put("location", Regions.display(region));
    slotDoc.putObject("properties").put("state", "Running").put("defaultHostName", n + "-" + slot + ".azurewebsites.net");
    put(slotDoc);
    ObjectNode slotSettings = settings.deepCopy();
    slotSettings.put("id", slotId + "/config/appsettings").put("type", "Microsoft.Web/sites/slots/config");
    ((ObjectNode) slotSettings.get("properties")).put("DEPLOYMENT", slot);
    put(slotSettings);
  }

  private void alertRule(Stamp stamp, Resource r, String id) {
    ObjectNode a = base("metricAlert", id, "Microsoft.Insights/metricAlerts", "global");
    Docs.props(a).put("enabled", Boolean.parseBoolean(prop(r, "enabled", "true")));
    Docs.props(a).put("description", "Alert rule " + r.name() + " of stamp " + stamp.name());
    put(a);
    facts(id, r.kind(), null, stamp, r);
  }

  private void search(Stamp stamp, Resource r, String id, String region) {
    ObjectNode s = base("searchService", id, "Microsoft.Search/searchServices", Regions.display(region));
    Docs.props(s).put("status", "running").put("provisioningState", "succeeded")
        .put("endpoint", "https://" + Docs.nameOf(id) + ".search.windows.net");
    put(s);
    facts(id, r.kind(), region, stamp, r);
  }

  private void mlEndpoint(Stamp stamp, Resource r, String id, String region) {
    ObjectNode e = base("mlOnlineEndpoint", id, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", region);
    Docs.props(e).put("provisioningState", "Succeeded")
        .put("scoringUri", "https://" + Docs.nameOf(id) + "." + region + ".inference.ml.azure.com/score");
    put(e);
    facts(id, r.kind(), region, stamp, r);
  }

  private void openAi(Stamp stamp, Resource r, String id, String region) {
    ObjectNode a = Docs.JSON.objectNode();
    a.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.CognitiveServices/accounts").put("kind", "OpenAI")
        .put("location", region);
    a.putObject("sku").put("name", "S0");
    a.putObject("properties").put("provisioningState", "Succeeded")
        .put("endpoint", "https://" + Docs.nameOf(id) + ".openai.azure.com/");
    put(a);
    facts(id, r.kind(), region, stamp, r);
  }

  /**
   * A PostgreSQL or MySQL flexible server. A server naming a {@code sourceServer} is its replica; the
   * source is seeded too when the inventory does not list it.
   */
  private void flexibleServer(Stamp stamp, Resource r, String id, String region, String primary) {
    String source = prop(r, "sourceServer", null);
    if (has(id)) {
      facts(id, r.kind(), region, stamp, r);
    } else {
      flexibleServerDoc(r.kind(), id, region);
      facts(id, r.kind(), region, stamp, r);
    }
    if (source == null) return;
    String sourceId = null;
    String sourceRegion = primary;
    for (Resource o : stamp.resources().values()) {
      if (o.kind().equals(r.kind()) && o.id() != null && (o.name().equals(source) || Docs.nameOf(o.id()).equals(source)
          || o.id().equalsIgnoreCase(source))) {
        sourceId = o.id();
        if (o.region() != null) sourceRegion = Regions.normalize(o.region());
      }
    }
    if (sourceId == null) sourceId = source.startsWith("/") ? source : id.substring(0, id.lastIndexOf('/') + 1) + Docs.nameOf(source);
    if (!has(sourceId)) {
      flexibleServerDoc(r.kind(), sourceId, sourceRegion);
      facts(sourceId, r.kind(), sourceRegion, stamp, null);
    }
    FlexibleServerService.makeReplica(state.resources.get(ResourcePath.key(id)), region,
        state.resources.get(ResourcePath.key(sourceId)), sourceRegion);
  }

  private void flexibleServerDoc(String kind, String id, String region) {
    put(FlexibleServerService.newServer(ResourceKinds.POSTGRES_FLEXIBLE_SERVER.equals(kind), id, region));
  }

  private void dataFactory(Stamp stamp, Resource r, String id, String region, String primary) {
    ObjectNode f = Docs.JSON.objectNode();
    f.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.DataFactory/factories").put("location", region);
    f.putObject("identity").put("type", "SystemAssigned");
    f.putObject("properties").put("provisioningState", "Succeeded").put("createTime", "2026-01-05T09:00:00Z")
        .put("version", "2018-06-01");
    put(f);
    facts(id, r.kind(), region, stamp, r);
    Object startedProp = r.properties() == null ? null : r.properties().get("triggersStarted");
    boolean started = startedProp == null ? Regions.same(region, primary) : Boolean.parseBoolean(startedProp.toString());
    for (String name : names(r, "triggers", List.of("daily"))) {
      ObjectNode t = base("dataFactoryTrigger", id + "/triggers/" + name, "Microsoft.DataFactory/factories/triggers", null);
      Docs.props(t).put("runtimeState", started ? "Started" : "Stopped");
      put(t);
    }
    for (String pipeline : names(r, "runningPipelines", List.of())) {
      String runId = UUID.nameUUIDFromBytes((id + "/" + pipeline).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
      ObjectNode run = Docs.JSON.objectNode();
      run.put("id", id + "/pipelineruns/" + runId).put("runId", runId).put("pipelineName", pipeline).put("status", "InProgress")
          .put("runStart", "2026-01-05T09:00:00Z").put("lastUpdated", "2026-01-05T09:00:00Z").put("isLatest", true);
      run.putObject("invokedBy").put("name", "daily").put("invokedByType", "ScheduleTrigger");
      put(run);
    }
    Object runtimes = r.properties() == null ? null : r.properties().get("integrationRuntimes");
    if (runtimes instanceof Map<?, ?> m) {
      m.forEach((name, nodesRegion) -> {
        ObjectNode ir = Docs.JSON.objectNode();
        ir.put("id", id + "/integrationRuntimes/" + name).put("name", name.toString())
            .put("type", "Microsoft.DataFactory/factories/integrationruntimes");
        ir.putObject("properties").put("type", "SelfHosted")
            .put("emulatorNodesRegion", Regions.normalize(nodesRegion == null ? region : nodesRegion.toString()));
        put(ir);
      });
    }
  }

  private static List<String> names(Resource r, String prop, List<String> dflt) {
    Object v = r.properties() == null ? null : r.properties().get(prop);
    if (v instanceof java.util.Collection<?> c) return c.stream().map(String::valueOf).toList();
    if (v != null) return java.util.Arrays.stream(v.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return dflt;
  }

  private void databricks(Stamp stamp, Resource r, String id, String region, String primary) {
    String url = prop(r, "workspaceUrl", "adb-" + Math.abs(id.toLowerCase().hashCode()) + ".azuredatabricks.net");
    ObjectNode w = Docs.JSON.objectNode();
    w.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.Databricks/workspaces").put("location", region);
    w.putObject("sku").put("name", "premium");
    w.putObject("properties").put("provisioningState", "Succeeded")
        .put("workspaceUrl", url.replaceFirst("^https?://", "").replaceAll("/+$", ""));
    put(w);
    facts(id, r.kind(), region, stamp, r);
    Object pausedProp = r.properties() == null ? null : r.properties().get("schedulesPaused");
    boolean running = pausedProp == null ? Regions.same(region, primary) : !Boolean.parseBoolean(pausedProp.toString());
    DatabricksJobs.seed(state, id, region, primary, names(r, "jobs", List.of()), running, names(r, "activeRuns", List.of()));
    Object serving = r.properties() == null ? null : r.properties().get("servingEndpoints");
    if (serving instanceof Map<?, ?> endpoints) DatabricksServing.seed(state, id, withOpenAiUrls(stamp, endpoints));
  }

  /** Serving-endpoint entities that name an openAi resource of the stamp point at that account's endpoint. */
  private static Map<?, ?> withOpenAiUrls(Stamp stamp, Map<?, ?> endpoints) {
    Map<Object, Object> out = new java.util.LinkedHashMap<>();
    endpoints.forEach((name, spec) -> {
      if (!(spec instanceof Map<?, ?> s) || !(s.get("entities") instanceof Map<?, ?> entities)) {
        out.put(name, spec);
        return;
      }
      Map<Object, Object> copy = new java.util.LinkedHashMap<>(s);
      Map<Object, Object> resolved = new java.util.LinkedHashMap<>();
      entities.forEach((entity, model) -> {
        Resource account = stamp.resources().get(String.valueOf(model));
        resolved.put(entity, account != null && ResourceKinds.OPENAI.equals(account.kind()) && account.id() != null
            ? "https://" + Docs.nameOf(account.id()) + ".openai.azure.com/" : model);
      });
      copy.put("entities", resolved);
      out.put(name, copy);
    });
    return out;
  }

  private void applicationGateway(Stamp stamp, Resource r, String id, String region) {
    ObjectNode gw = Docs.JSON.objectNode();
    gw.put("id", id).put("name", Docs.nameOf(id)).put("type", "Microsoft.Network/applicationGateways").put("location", region);
    ObjectNode p = gw.putObject("properties");
    p.put("provisioningState", "Succeeded").put("operationalState", prop(r, "operationalState", "Running"));
    p.putObject("sku").put("name", "WAF_v2").put("tier", "WAF_v2").put("capacity", 2);
    String policy = prop(r, "wafPolicy", "waf-" + Docs.nameOf(id));
    if (!policy.equalsIgnoreCase("none")) {
      String policyId = policy.startsWith("/") ? policy
          : id.substring(0, id.lastIndexOf("/applicationGateways/") + 1) + "ApplicationGatewayWebApplicationFirewallPolicies/" + policy;
      p.putObject("firewallPolicy").put("id", policyId);
      if (!has(policyId)) {
        ObjectNode w = Docs.JSON.objectNode();
        w.put("id", policyId).put("name", Docs.nameOf(policyId))
            .put("type", "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies").put("location", region);
        ObjectNode wp = w.putObject("properties");
        wp.put("provisioningState", "Succeeded");
        wp.putObject("policySettings").put("state", "Enabled").put("mode", prop(r, "wafMode", "Prevention"))
            .put("requestBodyCheck", true);
        wp.putObject("managedRules").putArray("managedRuleSets").addObject().put("ruleSetType", "OWASP").put("ruleSetVersion", "3.2");
        put(w);
        facts(policyId, "wafPolicy", region, stamp, null);
      }
    }
    put(gw);
    facts(id, r.kind(), region, stamp, r);
  }
}
