package dev.continuity.model.operation;

/** The input of a failover, failback or drill workflow, given by its stamp. */
public record OperationInput(String operationId, OperationRequest request) {}
