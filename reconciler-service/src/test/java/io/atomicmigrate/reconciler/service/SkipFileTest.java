package io.atomicmigrate.reconciler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.reconciler.repository.RecordLedgerRepository.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** A skip file survives the messages people write: commas, quotes, line breaks, non-Latin text. */
class SkipFileTest {

    @Test
    void oneLinePerReasonAndPerFailureReadsBackExactly() throws IOException {
        String awkward = "\"bad\" e-mail, see line\nnext: مرحبا";
        String csv = SkipFile.csv("run-1", List.of(
                new Problem("PERSONS", "contacts", "43", "REJECTED", null, new JsonArray()
                        .add(new JsonObject().put("field", "email_jsonb").put("code", "INVALID_EMAIL").put("message", awkward))
                        .add(new JsonObject().putNull("field").put("code", "NO_NAME").put("message", "no name")),
                        null, null, null),
                new Problem("PERSONS", "contacts", "44", "FAILED", "person", null, "PIPEDRIVE_400", 400, "Bad, \"request\"")));

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv)).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("message")).isEqualTo(awkward);
        assertThat(rows.get(0).get("code")).isEqualTo("INVALID_EMAIL");
        assertThat(rows.get(1).get("code")).isEqualTo("NO_NAME");
        assertThat(rows.get(2).get("status")).isEqualTo("FAILED");
        assertThat(rows.get(2).get("http_status")).isEqualTo("400");
        assertThat(rows.get(2).get("message")).isEqualTo("Bad, \"request\"");
        assertThat(rows.get(2).get("source_id")).isEqualTo("44");
    }
}
