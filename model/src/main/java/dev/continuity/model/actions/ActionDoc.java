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

  /** One parameter of an action. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target({})
  @interface Param {
    String name();

    String doc();

    boolean required() default true;
  }
}
