package io.atomicmigrate.demo.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Progress on the terminal: one line per step, and one line per phase whenever its counts move
 * (a bar, settled/expected, created/merged/unchanged/rejected/failed, the ETA). Prints plain lines,
 * not cursor tricks, so it reads the same in a terminal, a CI log or a file.
 */
public final class ProgressDisplay implements MigrationDriver.ProgressListener {

    private final PrintStream out;
    private final Instant started = Instant.now();
    private final Map<String, String> lastLine = new HashMap<>();

    public ProgressDisplay(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void step(String migrationId, String message) {
        out.printf("[%s] %s  %s%n", elapsed(), shortId(migrationId), message);
    }

    @Override
    public synchronized void progress(String migrationId, JsonNode status) {
        for (JsonNode run : status.path("runs")) {
            for (JsonNode phase : run.path("phases")) {
                String key = migrationId + "/" + run.path("runId").asText() + "/" + phase.path("phase").asText();
                String line = phaseLine(run, phase);
                if (!line.equals(lastLine.get(key)) && !"PENDING".equals(phase.path("state").asText())) {
                    lastLine.put(key, line);
                    out.printf("[%s] %s  %s%n", elapsed(), shortId(migrationId), line);
                }
            }
        }
        JsonNode budget = status.path("rateBudget");
        if (budget.isObject() && budget.size() > 0) {
            String line = "rate budget: " + budget;
            if (!line.equals(lastLine.get(migrationId + "/budget"))) {
                lastLine.put(migrationId + "/budget", line);
                out.printf("[%s] %s  %s%n", elapsed(), shortId(migrationId), line);
            }
        }
    }

    /** e.g. {@code sample-1 PERSONS  [##########----------]  50%  10/20  created 9 rejected 1  ETA 4 s}. */
    static String phaseLine(JsonNode run, JsonNode phase) {
        double progress = Math.min(1.0, Math.max(0.0, phase.path("progress").asDouble()));
        int filled = (int) Math.round(progress * 20);
        JsonNode report = phase.path("report");
        JsonNode counts = report.path("counts");
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-8s %-13s %-9s [%s%s] %3d%%", run.path("kind").asText(), phase.path("phase").asText(),
                phase.path("state").asText(), "#".repeat(filled), "-".repeat(20 - filled), Math.round(progress * 100)));
        for (String field : new String[] {"extracted", "created", "merged", "updated", "unchanged", "deleted", "skipped",
                "rejected", "failed"}) {
            long n = counts.path(field).asLong(0);
            if (n > 0) {
                line.append(' ').append(field).append(' ').append(n);
            }
        }
        if (phase.hasNonNull("etaSeconds") && !"COMPLETE".equals(phase.path("state").asText())) {
            line.append("  ETA ").append(phase.path("etaSeconds").asLong()).append(" s");
        }
        return line.toString();
    }

    private String elapsed() {
        Duration d = Duration.between(started, Instant.now());
        return String.format("%02d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    private static String shortId(String migrationId) {
        return migrationId.length() > 8 ? migrationId.substring(0, 8) : migrationId;
    }
}
