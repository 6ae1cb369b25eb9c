package io.atomicmigrate.mapper.service.proposal;

import java.util.Locale;

/**
 * How close a custom column's name is to a standard Pipedrive field's: 0–1, from the edit
 * distance of the names once case, separators and unit suffixes ({@code _pct}, {@code _eur},
 * {@code _url}, ...) are stripped.
 */
public final class NameSimilarity {

    private NameSimilarity() {
    }

    static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("(_pct|_percent|_eur|_usd|_gbp|_url|_at|_on|_amount)$", "");
        return n.replaceAll("[^a-z0-9]", "");
    }

    public static double score(String a, String b) {
        String x = normalize(a);
        String y = normalize(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        int distance = levenshtein(x, y);
        return 1.0 - (double) distance / Math.max(x.length(), y.length());
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
