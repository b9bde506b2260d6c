package dev.continuity.starter;

/**
 * The answer to an approval or a step decision.
 *
 * @param accepted false when the operation's validator refused it (unknown or unauthorized
 *     identity, no gate or failed step waiting) or the operation has ended
 * @param message what the operation did, in words, or why it refused
 */
public record UpdateOutcome(boolean accepted, String message) {}
