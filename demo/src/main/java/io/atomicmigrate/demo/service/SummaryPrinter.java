package io.atomicmigrate.demo.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;

/** The end of a run on the terminal: the reconciliation per phase and the verification per object. */
public final class SummaryPrinter {

    private SummaryPrinter() {
    }

    public static void print(PrintStream out, MigrationDriver.Result result, String dashboardUrl) {
        out.println();
        out.println("== Migration " + result.migrationId() + ", run " + result.runId());
        out.println("Reconciliation (extracted = mapped + rejected + skipped; mapped = created + merged + updated"
                + " + unchanged + deleted + failed):");
        out.printf("  %-13s %9s %9s %9s %9s %9s %9s %9s %9s %9s  %s%n", "phase", "extracted", "mapped", "rejected",
                "skipped", "created", "merged", "updated", "unchanged", "failed", "invariant");
        for (JsonNode run : result.status().path("runs")) {
            if (!run.path("runId").asText().equals(result.runId())) {
                continue;
            }
            for (JsonNode phase : run.path("phases")) {
                JsonNode report = phase.path("report");
                JsonNode c = report.path("counts");
                out.printf("  %-13s %9d %9d %9d %9d %9d %9d %9d %9d %9d  %s%n", phase.path("phase").asText(),
                        c.path("extracted").asLong(), c.path("mapped").asLong(), c.path("rejected").asLong(),
                        c.path("skipped").asLong(), c.path("created").asLong(), c.path("merged").asLong(),
                        c.path("updated").asLong(), c.path("unchanged").asLong(), c.path("failed").asLong(),
                        report.path("invariantHolds").asBoolean() ? "holds" : "DOES NOT HOLD");
                report.path("rejectedByReason").fields().forEachRemaining(e ->
                        out.printf("      rejected %-30s %d%n", e.getKey(), e.getValue().asLong()));
                report.path("failedByError").fields().forEachRemaining(e ->
                        out.printf("      failed   %-30s %d%n", e.getKey(), e.getValue().asLong()));
            }
        }
        JsonNode v = result.verification();
        out.println("Verification (every loaded record read back from Pipedrive, field by field): "
                + (v.path("complete").asBoolean() ? "COMPLETE" : "INCOMPLETE"));
        out.printf("  %-13s %9s %9s %9s %11s%n", "object", "records", "missing", "fields", "mismatches");
        for (JsonNode o : v.path("objects")) {
            out.printf("  %-13s %9d %9d %9d %11d%n", o.path("object").asText(), o.path("recordsChecked").asLong(),
                    o.path("recordsMissing").asLong(), o.path("fieldsChecked").asLong(), o.path("fieldMismatches").asLong());
            int shown = 0;
            for (JsonNode m : o.path("mismatches")) {
                if (shown++ == 5) {
                    out.println("      ...");
                    break;
                }
                out.println("      " + m.path("sourceTable").asText() + " " + m.path("sourceId").asText() + ": "
                        + m.path("fields"));
            }
        }
        out.println("Skip file (rejects and failures with reasons): " + dashboardUrl.replace("/dashboard", "")
                + "/migrations/" + result.migrationId() + "/runs/" + result.runId() + "/skips.csv");
        out.println("Dashboard: " + dashboardUrl);
    }
}
