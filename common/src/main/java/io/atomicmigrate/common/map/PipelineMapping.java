package io.atomicmigrate.common.map;

/**
 * A deal category → a pipeline (Atomic CRM has one implicit board; a category per pipeline
 * keeps the distinction people used categories for).
 *
 * @param category   the category value as rows hold it (slug or legacy label); {@code ""} for deals without one
 * @param label      its label in the CRM configuration
 * @param pipeline   the Pipedrive pipeline name (created by name, idempotently)
 */
public record PipelineMapping(String category, String label, String pipeline, double confidence, String reason) {
}
