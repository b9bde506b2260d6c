package dev.continuity.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.continuity.model.config.Estate;
import dev.continuity.model.estate.Stamp;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/: each region's overlay, rendered as kustomize would, parsed into fabric8's typed Kubernetes
 * objects (the SecretProviderClass, a custom resource, as a generic one), and checked for what keeps the
 * orchestrator up when a region dies: it runs outside every stamp's primary region, with probes, limits,
 * disruption budgets, no root, its secrets from the region's Key Vault, and Azure access by workload identity.
 */
class DeploymentManifestsTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path OVERLAYS = REPO.resolve("deploy/overlays");
  private static final KubernetesSerialization K8S = new KubernetesSerialization();
  private static final String IMAGE_UID = "10001";
  private static final int METRICS_PORT = 9464;
  private static final String GUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  static Stream<String> regions() throws IOException {
    try (Stream<Path> dirs = Files.list(OVERLAYS)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  /** One region's objects, typed. */
  record Rendered(String region, List<HasMetadata> objects) {
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
      return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError(region + ": no " + type.getSimpleName() + " " + name));
    }

    GenericKubernetesResource secretProviderClass(String name) {
      return all(GenericKubernetesResource.class).stream()
          .filter(o -> o.getKind().equals("SecretProviderClass") && o.getMetadata().getName().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError(region + ": no SecretProviderClass " + name));
    }
  }

  static Rendered render(String region) throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    for (Map<String, Object> doc : KustomizeRender.render(OVERLAYS.resolve(region))) {
      objects.add(K8S.unmarshal(K8S.asJson(doc)));
    }
    return new Rendered(region, objects);
  }

  @Test
  void theOrchestratorRunsInTwoRegionsNeitherOfThemAStampsPrimary() throws Exception {
    List<String> regions = regions().toList();
    assertTrue(regions.size() >= 2, "a secondary and a third region at least: " + regions);
    Estate estate = Estate.load(REPO.resolve("runbooks"));
    Set<String> primaries = estate.inventory().stamps().stream().map(Stamp::primaryRegion).collect(Collectors.toSet());
    Set<String> secondaries = estate.inventory().stamps().stream().map(Stamp::secondaryRegion).collect(Collectors.toSet());
    for (String region : regions) {
      assertFalse(primaries.contains(region), region + " is the primary of a stamp: its outage would take the orchestrator with it");
    }
    assertTrue(regions.stream().anyMatch(secondaries::contains), "one region is a stamps' secondary: " + regions);
    assertTrue(regions.stream().anyMatch(r -> !secondaries.contains(r)), "one region is a third region: " + regions);
  }

  @Test
  void eachRegionHasItsOwnKeyVaultAndIdentity() throws Exception {
    Set<String> vaults = new HashSet<>();
    Set<String> identities = new HashSet<>();
    for (String region : regions().toList()) {
      Rendered r = render(region);
      vaults.add((String) parameters(r).get("keyvaultName"));
      identities.add(clientId(r.one(ServiceAccount.class, "continuity")));
    }
    assertEquals(regions().count(), vaults.size(), "a Key Vault per region: " + vaults);
    assertEquals(regions().count(), identities.size(), "a managed identity per region: " + identities);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regions")
  void everyObjectIsAKnownKubernetesTypeWithNoMisspelledField(String region) throws Exception {
    Rendered r = render(region);
    Set<String> kinds = r.objects().stream().map(HasMetadata::getKind).collect(Collectors.toSet());
    assertEquals(Set.of("Namespace", "ServiceAccount", "SecretProviderClass", "Deployment", "Service", "PodDisruptionBudget"), kinds);
    for (HasMetadata o : r.objects()) {
      if (o instanceof GenericKubernetesResource) continue;
      assertNoUnknownFields(o, o.getKind() + " " + o.getMetadata().getName());
      if (!o.getKind().equals("Namespace")) assertEquals("continuity", o.getMetadata().getNamespace(), o.getMetadata().getName());
    }
    assertFalse(K8S.asYaml(r.objects()).contains("replace-per-region"), region + " fills every per-region placeholder");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regions")
  void workersAndStartersAreProbedLimitedAndNotRoot(String region) throws Exception {
    Rendered r = render(region);
    assertEquals(Set.of("continuity-worker", "continuity-starter"),
        r.all(Deployment.class).stream().map(d -> d.getMetadata().getName()).collect(Collectors.toSet()));
    for (Deployment d : r.all(Deployment.class)) {
      String what = region + " " + d.getMetadata().getName();
      assertTrue(d.getSpec().getReplicas() >= 2, what + " has a spare replica");
      assertEquals(region, d.getSpec().getTemplate().getMetadata().getLabels().get("continuity.dev/region"), what);
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertTrue(pod.getSecurityContext().getRunAsNonRoot(), what);
      assertEquals(IMAGE_UID, String.valueOf(pod.getSecurityContext().getRunAsUser()), what + " runs as the image's uid");
      assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), what);
      assertEquals(1, pod.getContainers().size(), what);
      Container c = pod.getContainers().get(0);
      assertTrue(c.getImage().endsWith("/" + d.getMetadata().getName() + ":0.1.0-SNAPSHOT"), what + " image " + c.getImage());
      assertTrue(c.getCommand() == null || c.getCommand().isEmpty(), what + " keeps the image's entrypoint");

      probe(what + " liveness", c.getLivenessProbe(), c);
      probe(what + " readiness", c.getReadinessProbe(), c);

      for (String resource : List.of("cpu", "memory")) {
        Quantity request = c.getResources().getRequests().get(resource);
        Quantity limit = c.getResources().getLimits().get(resource);
        assertNotNull(request, what + " requests " + resource);
        assertNotNull(limit, what + " limits " + resource);
        assertTrue(limit.getNumericalAmount().compareTo(request.getNumericalAmount()) >= 0, what + " " + resource + " limit >= request");
      }

      assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation(), what);
      assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), what);
      assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), what);
      assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")), what + " has a writable /tmp");

      Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
      assertEquals("true", annotations.get("prometheus.io/scrape"), what);
      assertEquals("/metrics", annotations.get("prometheus.io/path"), what);
      assertEquals(String.valueOf(METRICS_PORT), annotations.get("prometheus.io/port"), what);
      assertEquals(METRICS_PORT, port(c, "metrics").getContainerPort(), what + " metrics port (CONTINUITY_METRICS_PORT's default)");

      Map<String, String> env = c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
      assertTrue(env.get("TEMPORAL_ADDRESS").matches("[a-z0-9.-]+:\\d+"), what + " TEMPORAL_ADDRESS " + env.get("TEMPORAL_ADDRESS"));
      assertTrue(c.getEnv().stream().anyMatch(e -> e.getName().equals("TEMPORAL_API_KEY") && e.getValueFrom() != null),
          what + " keeps the base's secret variables when the region patches its own");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regions")
  void disruptionBudgetsSelectExactlyOneWorkloadsPods(String region) throws Exception {
    Rendered r = render(region);
    List<PodDisruptionBudget> budgets = r.all(PodDisruptionBudget.class);
    Set<String> covered = new HashSet<>();
    for (PodDisruptionBudget pdb : budgets) {
      Map<String, String> selector = pdb.getSpec().getSelector().getMatchLabels();
      assertFalse(selector.isEmpty(), pdb.getMetadata().getName());
      List<Deployment> selected = r.all(Deployment.class).stream()
          .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet().containsAll(selector.entrySet())).toList();
      assertEquals(1, selected.size(), pdb.getMetadata().getName() + " selects the pods of one deployment: " + selector);
      Deployment d = selected.get(0);
      IntOrString minAvailable = pdb.getSpec().getMinAvailable();
      assertNotNull(minAvailable, pdb.getMetadata().getName());
      assertTrue(minAvailable.getIntVal() >= 1 && minAvailable.getIntVal() < d.getSpec().getReplicas(),
          pdb.getMetadata().getName() + " keeps one pod and still lets a node drain");
      covered.add(d.getMetadata().getName());
    }
    assertEquals(Set.of("continuity-worker", "continuity-starter"), covered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regions")
  void secretsComeFromTheRegionsKeyVaultThroughWorkloadIdentity(String region) throws Exception {
    Rendered r = render(region);
    ServiceAccount account = r.one(ServiceAccount.class, "continuity");
    String clientId = clientId(account);
    assertTrue(clientId.matches(GUID) && !clientId.startsWith("00000000"), region + " names its managed identity: " + clientId);

    GenericKubernetesResource spc = r.secretProviderClass("continuity-keyvault");
    assertEquals("secrets-store.csi.x-k8s.io/v1", spc.getApiVersion());
    Map<String, Object> spec = spec(spc);
    assertEquals("azure", spec.get("provider"));
    Map<String, Object> parameters = parameters(r);
    assertEquals("false", parameters.get("usePodIdentity"));
    assertEquals(clientId, parameters.get("clientID"), "the CSI driver reads Key Vault as the pods' workload identity");
    assertEquals(account.getMetadata().getAnnotations().get("azure.workload.identity/tenant-id"), parameters.get("tenantId"));
    assertTrue(((String) parameters.get("keyvaultName")).matches("[a-z0-9-]{3,24}"), "a Key Vault name: " + parameters.get("keyvaultName"));

    Map<String, Set<String>> synced = new java.util.HashMap<>();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> secretObjects = (List<Map<String, Object>>) spec.get("secretObjects");
    for (Map<String, Object> s : secretObjects) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> data = (List<Map<String, Object>>) s.get("data");
      synced.put((String) s.get("secretName"), data.stream().map(x -> (String) x.get("key")).collect(Collectors.toSet()));
    }

    for (Deployment d : r.all(Deployment.class)) {
      String what = region + " " + d.getMetadata().getName();
      PodSpec pod = d.getSpec().getTemplate().getSpec();
      assertEquals("true", d.getSpec().getTemplate().getMetadata().getLabels().get("azure.workload.identity/use"), what);
      assertEquals(account.getMetadata().getName(), pod.getServiceAccountName(), what);
      List<Volume> csi = pod.getVolumes().stream().filter(v -> v.getCsi() != null).toList();
      assertEquals(1, csi.size(), what);
      assertEquals("secrets-store.csi.k8s.io", csi.get(0).getCsi().getDriver(), what);
      assertEquals(spc.getMetadata().getName(), csi.get(0).getCsi().getVolumeAttributes().get("secretProviderClass"), what);
      Container c = pod.getContainers().get(0);
      assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals(csi.get(0).getName())),
          what + " mounts the Key Vault volume (the driver syncs the Secret only for a mounted volume)");
      for (EnvVar e : c.getEnv()) {
        if (e.getValueFrom() == null || e.getValueFrom().getSecretKeyRef() == null) continue;
        var ref = e.getValueFrom().getSecretKeyRef();
        assertTrue(synced.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey()),
            what + " reads " + ref.getName() + "/" + ref.getKey() + ", which the SecretProviderClass syncs from Key Vault");
      }
    }
  }

  // ----

  private static void probe(String what, Probe probe, Container c) {
    assertNotNull(probe, what);
    assertNotNull(probe.getHttpGet(), what + " is an HTTP probe");
    String path = probe.getHttpGet().getPath();
    assertTrue(path.equals("/health") || path.equals("/metrics"), what + " path " + path);
    IntOrString port = probe.getHttpGet().getPort();
    if (port.getStrVal() != null) assertNotNull(port(c, port.getStrVal()), what + " names a declared port");
    else assertTrue(c.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal())), what);
    assertTrue(probe.getTimeoutSeconds() != null && probe.getPeriodSeconds() != null, what + " sets its timing");
  }

  private static ContainerPort port(Container c, String name) {
    return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " declares no port " + name));
  }

  private static String clientId(ServiceAccount account) {
    return account.getMetadata().getAnnotations().get("azure.workload.identity/client-id");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource spc) {
    return (Map<String, Object>) spc.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parameters(Rendered r) {
    return (Map<String, Object>) spec(r.secretProviderClass("continuity-keyvault")).get("parameters");
  }

  /** fabric8 keeps fields it does not know (a misspelt livenesProbe) in additionalProperties: there must be none. */
  private static void assertNoUnknownFields(Object o, String path) throws Exception {
    if (o == null || !o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) return;
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) continue;
      Object value = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        assertTrue(value == null || ((Map<?, ?>) value).isEmpty(), path + " has unknown fields " + value);
      } else if (value instanceof List<?> items) {
        for (Object item : items) assertNoUnknownFields(item, path + "." + m.getName().substring(3));
      } else if (value instanceof Map<?, ?> entries) {
        for (Object item : entries.values()) assertNoUnknownFields(item, path + "." + m.getName().substring(3));
      } else {
        assertNoUnknownFields(value, path + "." + m.getName().substring(3));
      }
    }
  }
}
