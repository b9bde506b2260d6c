package dev.continuity.model.actions;

import dev.continuity.model.actions.ActionDoc.Param;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Azure Key Vault: whether the secondary region's vault holds what the stamp needs, by name only. */
@ActivityInterface
public interface KeyVaultActions {

  @ActivityMethod(name = "keyVault.checkSecrets")
  @ActionDoc(target = "keyVault", summary = "Check that every named secret and certificate exists in the target vault, "
      + "is enabled, is already valid and does not expire within minValidDays; fails for good naming every item "
      + "that is missing, disabled, not yet valid or expiring. Reads names and attributes through Azure Resource "
      + "Manager only: no value ever leaves the vault.", expectedSeconds = 2,
      permissions = {"Microsoft.KeyVault/vaults/read", "Microsoft.KeyVault/vaults/secrets/read"},
      params = {
        @Param(name = "secrets", doc = "names of the secrets the stamp needs (list; default: the vault's "
            + "properties.secrets in the inventory)", required = false),
        @Param(name = "certificates", doc = "names of the certificates the stamp needs (list; default: the vault's "
            + "properties.certificates; checked through the secret Key Vault keeps for each certificate)", required = false),
        @Param(name = "minValidDays", doc = "days each item must stay valid from now (default 30)", required = false)
      })
  ActionResult checkSecrets(ActionRequest request);
}
