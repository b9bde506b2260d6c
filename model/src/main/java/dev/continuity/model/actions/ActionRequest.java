package dev.continuity.model.actions;

import dev.continuity.model.plan.ResourceRef;
import java.util.Map;

/**
 * The input of every action: which step of which operation asks, on what resource, with what
 * parameters, and the regions the operation moves between. Holds no secrets (DESIGN rule 11).
 */
public record ActionRequest(
    String operationId,
    String stepId,
    String action,
    ResourceRef target,
    Map<String, Object> params,
    String stamp,
    String fromRegion,
    String toRegion,
    boolean planned) {

  public String param(String name) {
    Object v = params == null ? null : params.get(name);
    return v == null ? null : String.valueOf(v);
  }
}
