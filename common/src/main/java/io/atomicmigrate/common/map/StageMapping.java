package io.atomicmigrate.common.map;

/**
 * A deal stage → a pipeline stage (or a closed status: won and lost are statuses in Pipedrive).
 *
 * @param value       the stage value rows hold (e.g. {@code in-negociation}, misspelled upstream)
 * @param label       its label in the configuration
 * @param stage       the Pipedrive stage name; for won/lost, the stage the closed deal sits in
 * @param order       1-based position in the pipeline
 * @param probability 0–100, or null (Atomic CRM has none; defaults come from its dashboard weights)
 * @param status      open, won or lost: the deal status a deal in this stage gets
 */
public record StageMapping(String value, String label, String stage, int order, Integer probability,
                           String status, double confidence, String reason) {
}
