package io.atomicmigrate.mapper.service.proposal;

import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import io.atomicmigrate.common.map.FieldLine;
import io.atomicmigrate.common.map.MigrationMap;
import io.atomicmigrate.common.map.ObjectMapping;
import io.atomicmigrate.common.map.Target;
import io.atomicmigrate.mapper.service.values.ConfigValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the first map version of a migration from what discovery found: the standard objects
 * from built-in knowledge, the custom columns from their types and value profiles, and the global
 * sections from the CRM configuration. Values seen in the data but absent from the configuration
 * become extra options (or pipelines) with a low confidence, so the reviewer sees them.
 */
public final class MapProposer {

    public MigrationMap propose(String migrationId, MigrationDiscovered discovered, Map<String, ColumnProfile> profiles) {
        CrmConfiguration config = CrmConfiguration.from(discovered == null ? null : discovered.effectiveConfig());
        Map<String, Set<String>> extraOptions = new LinkedHashMap<>();
        Set<String> unknownCategories = new LinkedHashSet<>();
        if (discovered != null && discovered.unknownConfigValues() != null) {
            for (MigrationDiscovered.UnknownValue u : discovered.unknownConfigValues()) {
                String key = u.table() + "." + u.column();
                if (key.equals("deals.category")) {
                    if (!known(config.dealCategories(), u.value())) {
                        unknownCategories.add(u.value());
                    }
                } else if (key.equals("companies.sector") && !known(config.companySectors(), u.value())
                        || key.equals("contacts.status") && !known(config.noteStatuses(), u.value())) {
                    extraOptions.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(u.value());
                }
            }
        }
        List<ObjectMapping> objects = new ArrayList<>(StandardAtomicCrmMap.objects(config, extraOptions));
        List<MigrationDiscovered.CustomColumn> customs = discovered == null || discovered.customColumns() == null
                ? List.of() : discovered.customColumns();
        for (int i = 0; i < objects.size(); i++) {
            ObjectMapping object = objects.get(i);
            List<FieldLine> lines = new ArrayList<>(object.fields());
            Set<String> taken = new HashSet<>();
            lines.forEach(l -> {
                if (l.target().kind() == Target.TargetKind.STANDARD) {
                    taken.add(l.target().field());
                }
            });
            for (MigrationDiscovered.CustomColumn column : customs) {
                if (column.table().equals(object.source())) {
                    FieldLine line = CustomColumnProposer.propose(column,
                            profiles.get(column.table() + "." + column.column()), object.destination(), taken,
                            config.currency());
                    if (line.target().kind() == Target.TargetKind.STANDARD) {
                        taken.add(line.target().field());
                    }
                    lines.add(line);
                }
            }
            objects.set(i, new ObjectMapping(object.source(), object.destination(), object.rule(), lines));
        }
        return new MigrationMap(migrationId, 1, discovered == null ? null : discovered.schemaGeneration(),
                config.currency(), objects, StandardAtomicCrmMap.owners(),
                StandardAtomicCrmMap.pipelines(config, unknownCategories), StandardAtomicCrmMap.stages(config),
                StandardAtomicCrmMap.activityTypes(config), StandardAtomicCrmMap.labels(),
                StandardAtomicCrmMap.noteStatuses(config), StandardAtomicCrmMap.dedup(),
                StandardAtomicCrmMap.unknownValues(), StandardAtomicCrmMap.personLeadRule());
    }

    /** A row value matches a config item by value, by label, or by the slug of either (legacy labels). */
    static boolean known(List<CrmConfiguration.Item> items, String value) {
        String slug = ConfigValues.toSlug(value);
        for (CrmConfiguration.Item i : items) {
            if (i.value().equals(value) || i.label().equalsIgnoreCase(value) || i.value().equals(slug)
                    || ConfigValues.toSlug(i.label()).equals(slug)) {
                return true;
            }
        }
        return false;
    }
}
