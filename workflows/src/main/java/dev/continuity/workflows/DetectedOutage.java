package dev.continuity.workflows;

import dev.continuity.model.estate.Severity;

/**
 * The probe loop's request for a failover, handed to the client side that sends it to the stamp.
 *
 * @param triggerId the same for every retry of one alarm, so a retried request joins the failover an
 *     earlier attempt started
 * @param reason why, for the operation's record ("detected by probe loop: ...")
 */
public record DetectedOutage(String stamp, String region, Severity severity, String triggerId, String reason, long detectedAtMillis) {}
