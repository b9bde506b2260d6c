package dev.continuity.activities;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.appservice.AppServiceManager;
import com.azure.resourcemanager.cdn.CdnManager;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.azure.resourcemanager.cosmos.CosmosManager;
import com.azure.resourcemanager.dns.DnsZoneManager;
import com.azure.resourcemanager.monitor.MonitorManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.redis.RedisManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.search.SearchServiceManager;
import com.azure.resourcemanager.sql.SqlServerManager;
import com.azure.resourcemanager.storage.StorageManager;
import com.azure.resourcemanager.trafficmanager.TrafficManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The Azure SDK managers the actions use, one per service and subscription, all on one HTTP pipeline.
 *
 * <p>The pipeline is built here rather than by each manager's {@code authenticate(credential, ...)}
 * for two reasons: the emulator speaks plain http, which the SDK's bearer-token policy refuses, and
 * the SDK must not retry on its own — Temporal's retry policy (and the Retry-After of a 429) decide
 * when an action runs again, so a retry shows up in the timeline instead of hiding inside one attempt.
 */
public final class AzureClients {

  static final String EMULATOR_TOKEN = "emulator";

  private final ActivitiesConfig config;
  private final HttpPipeline pipeline;
  private final AzureEnvironment environment;
  private final Map<String, Object> managers = new ConcurrentHashMap<>();

  public AzureClients(ActivitiesConfig config) {
    this.config = config;
    this.environment = environmentFor(config);
    HttpPipelinePolicy auth = config.emulated() ? emulatorAuth() : productionAuth(environment);
    // A hung call must end as a retryable timeout well inside the activity's own timeout.
    HttpClient http = new JdkHttpClientBuilder()
        .connectionTimeout(Duration.ofSeconds(10))
        .responseTimeout(Duration.ofSeconds(60))
        .readTimeout(Duration.ofSeconds(60))
        .build();
    this.pipeline = new HttpPipelineBuilder()
        .httpClient(http)
        .policies(
            new UserAgentPolicy("continuity-dr"),
            new RequestIdPolicy(),
            new RetryPolicy(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1)))),
            auth)
        .build();
  }

  /** How the activities built on these clients pace themselves. */
  ActivitiesConfig config() {
    return config;
  }

  public HttpPipeline pipeline() {
    return pipeline;
  }

  /** The resource-manager endpoint, with a trailing slash, for calls no SDK client makes. */
  String armEndpoint() {
    return environment.getResourceManagerEndpoint();
  }

  public TrafficManager trafficManager(String subscription) {
    return manager("trafficmanager", subscription, TrafficManager::authenticate);
  }

  public CdnManager cdn(String subscription) {
    return manager("cdn", subscription, CdnManager::authenticate);
  }

  public DnsZoneManager dns(String subscription) {
    return manager("dns", subscription, DnsZoneManager::authenticate);
  }

  public CosmosManager cosmos(String subscription) {
    return manager("cosmos", subscription, CosmosManager::authenticate);
  }

  public StorageManager storage(String subscription) {
    return manager("storage", subscription, StorageManager::authenticate);
  }

  public SqlServerManager sql(String subscription) {
    return manager("sql", subscription, SqlServerManager::authenticate);
  }

  public RedisManager redis(String subscription) {
    return manager("redis", subscription, RedisManager::authenticate);
  }

  public ContainerServiceManager aks(String subscription) {
    return manager("aks", subscription, ContainerServiceManager::authenticate);
  }

  public AppServiceManager appService(String subscription) {
    return manager("appservice", subscription, AppServiceManager::authenticate);
  }

  public MonitorManager monitor(String subscription) {
    return manager("monitor", subscription, MonitorManager::authenticate);
  }

  public SearchServiceManager search(String subscription) {
    return manager("search", subscription, SearchServiceManager::authenticate);
  }

  public NetworkManager network(String subscription) {
    return manager("network", subscription, NetworkManager::authenticate);
  }

  public DataFactoryManager dataFactory(String subscription) {
    return manager("datafactory", subscription, DataFactoryManager::authenticate);
  }

  public ResourceManager resources(String subscription) {
    return manager("resources", subscription,
        (p, profile) -> ResourceManager.authenticate(p, profile).withSubscription(subscription));
  }

  @SuppressWarnings("unchecked")
  private <M> M manager(String service, String subscription, BiFunction<HttpPipeline, AzureProfile, M> authenticate) {
    return (M) managers.computeIfAbsent(service + "/" + subscription,
        k -> authenticate.apply(pipeline, new AzureProfile(null, subscription, environment)));
  }

  private static AzureEnvironment environmentFor(ActivitiesConfig config) {
    if (config.armEndpoint() == null) return AzureEnvironment.AZURE;
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    String arm = config.armEndpoint().toString();
    endpoints.put("resourceManagerEndpointUrl", arm.endsWith("/") ? arm : arm + "/");
    return new AzureEnvironment(endpoints);
  }

  private static HttpPipelinePolicy productionAuth(AzureEnvironment environment) {
    TokenCredential credential = new DefaultAzureCredentialBuilder().build();
    String scope = environment.getResourceManagerEndpoint().replaceAll("/+$", "") + "/.default";
    return new ArmChallengeAuthenticationPolicy(credential, scope);
  }

  /** The emulator takes any bearer token; a fixed one keeps secrets out of the demo entirely. */
  private static HttpPipelinePolicy emulatorAuth() {
    return (context, next) -> {
      context.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.AUTHORIZATION, "Bearer " + EMULATOR_TOKEN);
      return next.process();
    };
  }
}
