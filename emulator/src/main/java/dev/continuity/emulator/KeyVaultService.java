package dev.continuity.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.continuity.emulator.EmulatorState.ResourceFacts;
import java.util.List;

/**
 * Key vaults on the management plane (Microsoft.KeyVault/vaults: GET; vaults/{v}/secrets: GET list and
 * GET one). Like Azure's management plane, it serves secret names and attributes only: the emulated
 * estate holds no secret values at all.
 */
final class KeyVaultService implements ArmService {
  /** The emulator's own field on a seeded secret: days from "now" to its expiry (not part of ARM's answer). */
  static final String EXPIRES_IN_DAYS = "emulatorExpiresInDays";
  private final Estate estate;

  KeyVaultService(Estate estate) {
    this.estate = estate;
  }

  @Override
  public List<String> serviceKeys() {
    return List.of("microsoft.keyvault/vaults");
  }

  @Override
  public ArmResponse handle(ArmRequest req, ResourcePath path) {
    if (!req.is("GET")) throw ArmService.methodNotAllowed(req);
    String vaultId = path.id(1);
    ObjectNode vault = estate.get(vaultId);
    ResourceFacts f = estate.facts(vaultId);
    estate.requireRegionUp(f != null && f.region != null ? f.region : vault.path("location").asText(null), vaultId);
    if (path.depth() == 1 && path.action == null) return ArmResponse.ok(vault.deepCopy());
    if (path.depth() == 1 && path.action.equalsIgnoreCase("secrets")) {
      ObjectNode list = Docs.JSON.objectNode();
      ArrayNode value = list.putArray("value");
      for (ObjectNode s : estate.children(vaultId, "secrets")) value.add(wire(s));
      return ArmResponse.ok(list);
    }
    if (path.depth() == 2 && "secrets".equals(path.type(1)) && path.action == null) {
      return ArmResponse.ok(wire(estate.get(path.id(2))));
    }
    throw ArmService.unknownAction(req, path);
  }

  /** A secret as ARM shows it: attribute times in seconds since the epoch, seeded ones relative to now. */
  private ObjectNode wire(ObjectNode secret) {
    ObjectNode copy = secret.deepCopy();
    ObjectNode props = Docs.props(copy);
    if (props.has(EXPIRES_IN_DAYS)) {
      long now = estate.now().getEpochSecond();
      double days = props.remove(EXPIRES_IN_DAYS).asDouble();
      Docs.obj(props, "attributes").put("created", now - 86_400).put("updated", now - 86_400).put("exp", now + Math.round(days * 86_400));
    }
    return copy;
  }
}
