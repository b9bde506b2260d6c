package dev.continuity.emulator;

import java.util.List;

/** The emulation of one Azure resource provider's resource type (e.g. Microsoft.Cache/redis). */
interface ArmService {
  /** "namespace/type" keys, lower case, e.g. "microsoft.cache/redis". */
  List<String> serviceKeys();

  ArmResponse handle(ArmRequest req, ResourcePath path);

  static ArmException methodNotAllowed(ArmRequest req) {
    return new ArmException(405, "MethodNotAllowed", "The requested method '" + req.method() + "' is not allowed on '"
        + req.path() + "' by the emulator.");
  }

  static ArmException unknownAction(ArmRequest req, ResourcePath path) {
    return new ArmException(404, "InvalidResourceType", "The resource type or action '" + path.action + "' of '"
        + req.path() + "' is not known to the emulator.");
  }
}
