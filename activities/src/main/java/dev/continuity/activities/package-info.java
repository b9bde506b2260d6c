/**
 * The actions of the runbooks, one class per Azure service, on the Azure SDK for Java.
 *
 * <p>The worker registers {@link dev.continuity.activities.AzureActivities#all(ActivitiesConfig)} with
 * {@link dev.continuity.activities.ActivitiesConfig#fromEnvironment()}: {@code CONTINUITY_ARM_ENDPOINT}
 * (unset: public Azure with DefaultAzureCredential; an http/loopback URL: the ARM emulator, which is then
 * also the probe relay), {@code CONTINUITY_PROBE_RELAY}, {@code CONTINUITY_TIME_SCALE} (probe pauses, as
 * the emulator's --time-scale: 1 real time, 0.01 a hundred times faster).
 *
 * <p>Every action observes, acts only when needed and verifies (a repeat reports changed=false).
 * Long-running operations heartbeat an {@link dev.continuity.activities.OperationCheckpoint}; a retried
 * attempt polls that operation instead of starting another. Failures are typed for the retry policy:
 * AuthorizationFailed, InvalidRequest, ResourceNotFound, InvalidParameter and InvalidTarget are
 * non-retryable; Throttled carries Azure's Retry-After as the next retry delay; AzureServerError,
 * AzureUnreachable, OperationFailed and NotYetInDesiredState are retried by the step's policy.
 */
package dev.continuity.activities;
