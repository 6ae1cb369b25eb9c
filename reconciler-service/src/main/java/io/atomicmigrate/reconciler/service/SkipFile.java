package io.atomicmigrate.reconciler.service;

import io.atomicmigrate.reconciler.repository.RecordLedgerRepository.Problem;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The "skip file" of a run (DESIGN §7): every rejected and failed record with why, one line per
 * reason, as CSV a person opens in a spreadsheet, fixes the map or the data, and retries.
 */
public final class SkipFile {

    public static final String[] HEADER = {"run_id", "phase", "source_table", "source_id", "status", "object", "field",
            "code", "http_status", "message"};

    private SkipFile() {
    }

    public static String csv(String runId, List<Problem> problems) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).build())) {
            for (Problem p : problems) {
                if ("FAILED".equals(p.status())) {
                    csv.printRecord(runId, p.phase(), p.table(), p.sourceId(), p.status(), p.object(), null,
                            p.errorCode(), p.errorStatus(), p.errorMessage());
                    continue;
                }
                if (p.reasons() == null || p.reasons().isEmpty()) {
                    csv.printRecord(runId, p.phase(), p.table(), p.sourceId(), p.status(), p.object(), null, "UNKNOWN",
                            null, "rejected without a reason");
                    continue;
                }
                for (Object r : p.reasons()) {
                    JsonObject reason = (JsonObject) r;
                    csv.printRecord(runId, p.phase(), p.table(), p.sourceId(), p.status(), p.object(),
                            reason.getString("field"), reason.getString("code"), null, reason.getString("message"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory", e);
        }
        return out.toString();
    }
}
