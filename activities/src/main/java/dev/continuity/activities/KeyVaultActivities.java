package dev.continuity.activities;

import com.fasterxml.jackson.databind.JsonNode;
import dev.continuity.model.actions.ActionRequest;
import dev.continuity.model.actions.ActionResult;
import dev.continuity.model.actions.KeyVaultActions;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Key Vault readiness of the region traffic is about to move to: the secrets and certificates a stamp
 * needs exist there, are enabled, and stay valid long enough.
 *
 * <p>Reads go through the management plane ({@code Microsoft.KeyVault/vaults/secrets}), which returns
 * a secret's attributes (enabled, nbf, exp) and never its value; the data plane is not called at all,
 * so the worker's identity needs no right to read secret values. ARM has no certificate type: Key Vault
 * keeps every certificate's key and certificate as a secret of the same name, whose attributes mirror
 * the certificate's, so a certificate is checked through that secret.
 */
public final class KeyVaultActivities implements KeyVaultActions {
  static final String ROLE = "Reader on the key vault (Microsoft.KeyVault/vaults/read and vaults/secrets/read; "
      + "no data-plane access)";
  /** Stable management-plane api-version of Microsoft.KeyVault with secret attributes. */
  static final String API_VERSION = "2023-07-01";
  static final String NOT_READY = "SecretsNotReady";
  static final int DEFAULT_MIN_VALID_DAYS = 30;

  private final AzureClients clients;
  private final Clock clock;

  public KeyVaultActivities(AzureClients clients) {
    this(clients, Clock.systemUTC());
  }

  KeyVaultActivities(AzureClients clients, Clock clock) {
    this.clients = clients;
    this.clock = clock;
  }

  @Override
  public ActionResult checkSecrets(ActionRequest request) {
    ArmId vault = ArmId.of(request);
    List<String> secrets = names(request, "secrets");
    List<String> certificates = names(request, "certificates");
    if (secrets.isEmpty() && certificates.isEmpty()) {
      throw Params.bad(request, "secrets", "and 'certificates' are both empty, in the step and in the vault's inventory "
          + "properties: name at least one item to check");
    }
    for (String n : secrets) {
      if (!n.matches("[0-9A-Za-z-]{1,127}")) throw Params.bad(request, "secrets", "holds '" + n + "', not a Key Vault name");
    }
    for (String n : certificates) {
      if (!n.matches("[0-9A-Za-z-]{1,127}")) throw Params.bad(request, "certificates", "holds '" + n + "', not a Key Vault name");
    }
    Integer days = Params.optionalInteger(request, "minValidDays", 0, 3650);
    int minValidDays = days == null ? DEFAULT_MIN_VALID_DAYS : days;
    // Fails as "not found" when the vault itself is missing, instead of reporting every item missing.
    GenericArm.properties(clients, vault, API_VERSION, ROLE);

    Instant now = clock.instant();
    Instant validUntil = now.plus(Duration.ofDays(minValidDays));
    List<String> problems = new ArrayList<>();
    Map<String, Object> expiries = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String[] item : items(secrets, certificates)) {
      String kind = item[0];
      String name = item[1];
      if (!seen.add(kind + "/" + name)) continue;
      ArmId id = ArmId.parse(vault.id() + "/secrets/" + name);
      JsonNode props = GenericArm.propertiesOrNull(clients, id, API_VERSION, ROLE);
      if (props == null) {
        problems.add(kind + " " + name + " is missing");
        continue;
      }
      JsonNode attributes = props.path("attributes");
      if (!attributes.path("enabled").asBoolean(true)) problems.add(kind + " " + name + " is disabled");
      Instant notBefore = epoch(attributes.path("nbf"));
      if (notBefore != null && notBefore.isAfter(now)) problems.add(kind + " " + name + " is not valid before " + notBefore);
      Instant expires = epoch(attributes.path("exp"));
      expiries.put(name, expires == null ? "never" : expires.toString());
      if (expires != null && !expires.isAfter(now)) {
        problems.add(kind + " " + name + " expired on " + expires);
      } else if (expires != null && expires.isBefore(validUntil)) {
        problems.add(kind + " " + name + " expires on " + expires + ", within " + minValidDays + " days");
      }
    }
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("vault", vault.name());
    facts.put("checked", seen.size());
    facts.put("minValidDays", minValidDays);
    facts.put("expires", expiries);
    if (!problems.isEmpty()) {
      // Retrying cannot create or renew a secret: the step asks the operator instead.
      throw ApplicationFailure.newNonRetryableFailure("vault " + vault.name() + " is not ready: "
          + String.join("; ", problems), NOT_READY);
    }
    return new ActionResult(false, "vault " + vault.name() + ": all " + seen.size() + " secrets and certificates exist, "
        + "are enabled and stay valid for " + minValidDays + " days", facts);
  }

  /** The step's list, else the one the inventory keeps on the vault: what the stamp needs is part of the estate. */
  private static List<String> names(ActionRequest request, String name) {
    List<String> fromStep = Params.optionalList(request, name);
    if (!fromStep.isEmpty() || request.target() == null || request.target().properties() == null) return fromStep;
    Object inInventory = request.target().properties().get(name);
    List<String> out = new ArrayList<>();
    if (inInventory instanceof java.util.Collection<?> c) {
      for (Object o : c) if (o != null && !o.toString().isBlank()) out.add(o.toString().trim());
    } else if (inInventory != null) {
      for (String v : inInventory.toString().split(",")) if (!v.isBlank()) out.add(v.trim());
    }
    return out;
  }

  private static List<String[]> items(List<String> secrets, List<String> certificates) {
    List<String[]> out = new ArrayList<>();
    secrets.forEach(s -> out.add(new String[] {"secret", s}));
    certificates.forEach(c -> out.add(new String[] {"certificate", c}));
    return out;
  }

  /** Key Vault attributes carry times as seconds since the epoch. */
  private static Instant epoch(JsonNode n) {
    return n.isNumber() || (n.isTextual() && n.asText().matches("\\d+")) ? Instant.ofEpochSecond(n.asLong()) : null;
  }
}
