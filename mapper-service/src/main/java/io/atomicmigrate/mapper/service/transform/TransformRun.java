package io.atomicmigrate.mapper.service.transform;

/** The approved map (indexed) and the id knowledge one batch of rows is transformed with. */
public record TransformRun(int mapVersion, MapLookups lookups, FieldLineApplier applier) {

    public TransformRun(int mapVersion, MapLookups lookups, KnownSourceIds known) {
        this(mapVersion, lookups, new FieldLineApplier(lookups, known));
    }
}
