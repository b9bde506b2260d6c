package dev.continuity.starter;

/** No operation (workflow) with the given id exists in the namespace. */
public class OperationNotFoundException extends RuntimeException {
  public OperationNotFoundException(String operationId) {
    super("no operation '" + operationId + "' in this namespace (see: continuity list)");
  }
}
