package dev.continuity.model.config;

/** A runbook as loaded from YAML. STUB: fields are being written by the loader's author. */
public record Runbook(String name, String stamp, String file) {}
