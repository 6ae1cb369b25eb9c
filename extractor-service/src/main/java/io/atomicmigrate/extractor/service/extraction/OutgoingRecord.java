package io.atomicmigrate.extractor.service.extraction;

/** One encoded {@code record.extracted} event with its Kafka key (DESIGN §3: migration/table/sourceId). */
public record OutgoingRecord(String key, byte[] value) {
}
