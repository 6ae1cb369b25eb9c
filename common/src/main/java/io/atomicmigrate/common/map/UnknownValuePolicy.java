package io.atomicmigrate.common.map;

/**
 * Rows can hold config-backed values absent from the configuration (ATOMIC_CRM.md §5.5).
 *
 * @param stage     {@code first-stage} (what the Atomic CRM board does) or {@code reject}
 * @param category  {@code default-pipeline} (the pipeline of deals without a category) or {@code reject}
 * @param taskType  {@code default-type} (the activity type {@code task}) or {@code reject}
 * @param option    for option fields (sector, ...): {@code add-option} or {@code reject}
 */
public record UnknownValuePolicy(String stage, String category, String taskType, String option) {
}
