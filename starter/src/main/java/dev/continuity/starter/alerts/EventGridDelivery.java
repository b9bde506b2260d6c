package dev.continuity.starter.alerts;

import java.util.List;

/**
 * What one Event Grid push held: the subscription-validation code to echo (the handshake), the
 * signals that concern operations, and the event types nobody here acts on.
 */
public record EventGridDelivery(String validationCode, List<AlertSignal> signals, List<String> ignoredTypes, int events) {}
