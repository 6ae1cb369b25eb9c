package io.atomicmigrate.common.map;

/**
 * A task type → a Pipedrive activity type.
 *
 * @param value    task type value as rows hold it
 * @param label    its label
 * @param key      the activity type key_string in Pipedrive (existing default, or generated from name)
 * @param name     activity type name (used when it must be created)
 * @param iconKey  Pipedrive icon_key for a created type
 * @param create   true when the type does not exist in a new account and the loader creates it
 */
public record ActivityTypeMapping(String value, String label, String key, String name, String iconKey,
                                  boolean create, double confidence, String reason) {
}
