package dev.continuity.model.estate;

import java.util.Map;

/**
 * One Azure resource of a stamp, known by a logical name in runbooks.
 *
 * @param name logical name used as a step's target
 * @param kind the kind of resource (trafficManager, cosmosDb, storageAccount, ...), see {@link ResourceKinds}
 * @param id the Azure resource ID
 * @param region the region the resource lives in, when it lives in one region (null for global ones)
 * @param properties kind-specific settings (for example health endpoints of a probe target)
 */
public record Resource(String name, String kind, String id, String region, Map<String, Object> properties) {}
