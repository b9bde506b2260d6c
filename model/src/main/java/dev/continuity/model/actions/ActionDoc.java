package dev.continuity.model.actions;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes an action for validation, planning and the generated reference: which resource kind it
 * works on, its parameters and how long it is expected to take. The {@link ActionCatalog} is built
 * from these annotations, so the docs and the validator cannot drift from the interfaces.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ActionDoc {
  /** The resource kind of the step's target (see ResourceKinds). */
  String target();

  String summary();

  /** Expected duration in Azure, from Azure's documentation, for the critical-path estimate. */
  int expectedSeconds();

  /** True when the action starts a long-running ARM operation (it heartbeats and resumes after a crash). */
  boolean longRunning() default false;

  /**
   * True when the action moves user traffic (global entry points, DNS). The measured and the
   * estimated RTO run from the trigger to the last of these: that is when users are served again.
   */
  boolean movesTraffic() default false;

  Param[] params() default {};

  /**
   * The Azure RBAC actions ({@code Actions} of a role definition) the action needs on its target, e.g.
   * {@code Microsoft.Network/trafficManagerProfiles/azureEndpoints/write}, including the reads it makes to
   * observe and verify, and the operation-status reads of a long-running operation. Per-stamp custom
   * roles are generated from these (docs/security.md), so a missing one fails a step in production.
   */
  String[] permissions() default {};

  /** Azure RBAC data actions ({@code DataActions}), for data-plane calls authorized by Azure RBAC. */
  String[] dataActions() default {};

  /**
   * Permissions granted outside Azure RBAC (Databricks workspace ACLs, Kubernetes RBAC), or why none
   * is needed, in words. An action declares at least one of permissions, dataActions and grants.
   */
  String[] grants() default {};

  /** One parameter of an action. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Param {
    String name();

    String doc();

    boolean required() default true;
  }
}
