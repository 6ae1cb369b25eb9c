package io.atomicmigrate.extractor.service.scoping;

import io.atomicmigrate.common.events.payload.MigrationDiscovered;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The scoping report for people: plain text (e-mail, terminal) and a self-contained HTML page. */
public final class ScopingReportRenderer {

    private ScopingReportRenderer() {
    }

    public static String text(ScopingReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Scoping report for ").append(r.migrationId()).append('\n');
        sb.append("Schema generation: ").append(r.schemaGeneration()).append("\n\n");
        sb.append("Objects\n");
        r.counts().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-45s %,12d%n", k, v)));
        sb.append("\nComplexity: ").append(r.complexity().grade()).append(" (score ").append(r.complexity().score())
                .append(")\n");
        r.complexity().reasons().forEach(reason -> sb.append("  - ").append(reason).append('\n'));
        sb.append("\nCustom fields to map (").append(r.customFields().size()).append(")\n");
        for (MigrationDiscovered.CustomColumn c : r.customFields()) {
            sb.append("  ").append(c.table()).append('.').append(c.column()).append("  ").append(c.dataType())
                    .append(" (").append(c.udtName()).append(')')
                    .append(c.enumLabels() == null ? "" : " " + c.enumLabels()).append('\n');
        }
        sb.append("\nValues not in the configuration (").append(r.unknownConfigValues().size()).append(")\n");
        for (MigrationDiscovered.UnknownValue u : r.unknownConfigValues()) {
            sb.append("  ").append(u.table()).append('.').append(u.column()).append(" = '").append(u.value())
                    .append("' in ").append(u.count()).append(" row(s)\n");
        }
        sb.append("\nPipedrive API estimate\n");
        sb.append(String.format(Locale.ROOT, "  %-14s %12s %12s %14s%n", "phase", "records", "calls", "tokens"));
        for (ScopingReport.PhaseEstimate p : r.phases()) {
            sb.append(String.format(Locale.ROOT, "  %-14s %,12d %,12d %,14d%n", p.phase(), p.records(), p.calls(),
                    p.tokens()));
        }
        sb.append(String.format(Locale.ROOT, "  %-14s %12s %,12d %,14d%n", "TOTAL", "", r.totalCalls(), r.totalTokens()));
        sb.append("\nDuration per plan (").append(r.seats()).append(" seat(s))\n");
        for (ScopingReport.PlanDuration d : r.durations()) {
            sb.append(String.format(Locale.ROOT, "  %-9s %,10d tokens/day  %4d req/2s  %-14s limited by %s%n",
                    d.plan(), d.dailyTokens(), d.burstPer2s(), d.estimatedDuration(), d.bottleneck()));
        }
        sb.append("\nWarnings (").append(r.warnings().size()).append(")\n");
        r.warnings().forEach(w -> sb.append("  - ").append(w).append('\n'));
        sb.append("\nAssumptions\n");
        r.assumptions().forEach(a -> sb.append("  - ").append(a).append('\n'));
        return sb.toString();
    }

    public static String html(ScopingReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Scoping report ")
                .append(esc(r.migrationId())).append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;"
                        + "max-width:60em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;"
                        + "padding:.25em .6em}td.n{text-align:right}.grade{font-weight:bold}</style></head><body>");
        sb.append("<h1>Scoping report</h1><p>Migration <code>").append(esc(r.migrationId()))
                .append("</code>, schema generation <b>").append(esc(r.schemaGeneration())).append("</b></p>");
        sb.append("<h2>Objects</h2><table><tr><th>object</th><th>count</th></tr>");
        r.counts().forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td class=\"n\">")
                .append(String.format(Locale.ROOT, "%,d", v)).append("</td></tr>"));
        sb.append("</table><h2>Complexity: <span class=\"grade\">").append(esc(r.complexity().grade()))
                .append("</span></h2><ul>");
        r.complexity().reasons().forEach(reason -> sb.append("<li>").append(esc(reason)).append("</li>"));
        sb.append("</ul><h2>Custom fields to map</h2><table><tr><th>column</th><th>type</th><th>values</th></tr>");
        for (MigrationDiscovered.CustomColumn c : r.customFields()) {
            sb.append("<tr><td>").append(esc(c.table() + "." + c.column())).append("</td><td>")
                    .append(esc(c.dataType() + " (" + c.udtName() + ")")).append("</td><td>")
                    .append(c.enumLabels() == null ? "" : esc(String.join(", ", c.enumLabels()))).append("</td></tr>");
        }
        sb.append("</table><h2>Values not in the configuration</h2><table><tr><th>column</th><th>value</th>"
                + "<th>rows</th></tr>");
        for (MigrationDiscovered.UnknownValue u : r.unknownConfigValues()) {
            sb.append("<tr><td>").append(esc(u.table() + "." + u.column())).append("</td><td>").append(esc(u.value()))
                    .append("</td><td class=\"n\">").append(u.count()).append("</td></tr>");
        }
        sb.append("</table><h2>Pipedrive API estimate</h2><table><tr><th>phase</th><th>records</th><th>calls</th>"
                + "<th>tokens</th><th>operations</th></tr>");
        for (ScopingReport.PhaseEstimate p : r.phases()) {
            List<String> ops = new ArrayList<>();
            p.operations().forEach(o -> ops.add(o.operationId() + " ×" + o.calls() + " @" + o.tokensPerCall()));
            sb.append("<tr><td>").append(esc(p.phase())).append("</td><td class=\"n\">").append(p.records())
                    .append("</td><td class=\"n\">").append(p.calls()).append("</td><td class=\"n\">").append(p.tokens())
                    .append("</td><td>").append(esc(String.join(", ", ops))).append("</td></tr>");
        }
        sb.append("<tr><th>total</th><td></td><td class=\"n\">").append(r.totalCalls()).append("</td><td class=\"n\">")
                .append(r.totalTokens()).append("</td><td></td></tr></table>");
        sb.append("<h2>Duration per plan (").append(r.seats()).append(" seat(s))</h2><table><tr><th>plan</th>"
                + "<th>tokens/day</th><th>burst</th><th>estimate</th><th>limited by</th></tr>");
        for (ScopingReport.PlanDuration d : r.durations()) {
            sb.append("<tr><td>").append(esc(d.plan())).append("</td><td class=\"n\">").append(d.dailyTokens())
                    .append("</td><td class=\"n\">").append(d.burstPer2s()).append(" / 2 s</td><td>")
                    .append(esc(d.estimatedDuration())).append("</td><td>").append(esc(d.bottleneck()))
                    .append("</td></tr>");
        }
        sb.append("</table><h2>Warnings</h2><ul>");
        r.warnings().forEach(w -> sb.append("<li>").append(esc(w)).append("</li>"));
        sb.append("</ul><h2>Assumptions</h2><ul>");
        r.assumptions().forEach(a -> sb.append("<li>").append(esc(a)).append("</li>"));
        sb.append("</ul></body></html>");
        return sb.toString();
    }

    /** Customer data (column names, values) goes into the page: escape all of it. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
