package dev.continuity.model.plan;

import java.util.Map;

/** A step's target as frozen into a plan: the logical name, its kind, Azure ID, region and settings. */
public record ResourceRef(String name, String kind, String id, String region, Map<String, Object> properties) {}
