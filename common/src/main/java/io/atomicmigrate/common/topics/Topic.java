package io.atomicmigrate.common.topics;

/**
 * One Kafka topic of the platform, with the settings it is created with.
 * Auto-creation is off everywhere (DESIGN §3): whoever starts a broker creates
 * exactly these topics, with these partition counts, before any service runs.
 *
 * @param name       the topic name services subscribe to
 * @param partitions partition count; keys spread one migration over them
 * @param compacted  true for topics that keep only the latest value per key
 * @param keyedBy    what the record key is made of, in words (for docs and dashboards)
 */
public record Topic(String name, int partitions, boolean compacted, String keyedBy) {

    public Topic {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name is required");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition");
        }
    }

    /** The Kafka {@code cleanup.policy} this topic is created with. */
    public String cleanupPolicy() {
        return compacted ? "compact" : "delete";
    }
}
