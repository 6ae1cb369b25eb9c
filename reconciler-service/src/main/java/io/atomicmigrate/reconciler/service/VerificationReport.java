package io.atomicmigrate.reconciler.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run's records read back from Pipedrive and compared with what was sent (DESIGN §1 step 9).
 *
 * @param complete every loaded record was found and every compared field matched
 */
public record VerificationReport(String runId, boolean complete, List<ObjectReport> objects, Instant verifiedAt) {

    /**
     * One Pipedrive object type.
     *
     * @param missing     loaded records (by the loader's outcome) that the list endpoint does not return
     * @param mismatches  every field whose value differs, per record
     * @param notCompared why some sent fields were not compared, with how many times
     */
    public record ObjectReport(String object, long recordsChecked, long recordsMissing, long fieldsChecked,
                               long fieldMismatches, List<String> missing, List<RecordMismatch> mismatches,
                               Map<String, Long> notCompared) {
    }

    /** A record with at least one field that is not what was sent. */
    public record RecordMismatch(String sourceTable, String sourceId, String pipedriveId,
                                 List<FieldComparison.Mismatch> fields) {
    }
}
