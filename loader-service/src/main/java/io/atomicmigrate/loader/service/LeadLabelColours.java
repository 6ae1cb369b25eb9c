package io.atomicmigrate.loader.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The colour of a lead label. {@code POST /v1/leadLabels} requires one of ten named colours
 * (PIPEDRIVE.md §3.5); person, organization and deal label options take none at all (their v2 write
 * endpoints accept only {@code label}; the {@code color} of an option is read-only), so this is the
 * only place a tag's colour survives the migration.
 *
 * <p>The mapper already turns a tag's hex colour into the nearest name (its {@code NEAREST_COLOUR}
 * line); this accepts that name as it is and, for a map whose colour line copies the hex value, finds
 * the nearest name the same way: hue first (the channels stretched to full saturation, so a pastel
 * such as {@code #fde2e4} reads as red, not gray), then Euclidean distance to how Pipedrive draws each
 * colour. A near-grey stays grey; anything unreadable becomes {@link #FALLBACK}.
 */
public final class LeadLabelColours {

    /** The colours Pipedrive accepts, in the spec's order. */
    public static final Set<String> ALLOWED = Set.of("blue", "brown", "dark-gray", "gray", "green", "orange", "pink",
            "purple", "red", "yellow");

    public static final String FALLBACK = "gray";

    private static final Map<String, int[]> RGB = new LinkedHashMap<>();

    static {
        RGB.put("blue", new int[]{0x31, 0x7a, 0xe2});
        RGB.put("brown", new int[]{0x9c, 0x6b, 0x45});
        RGB.put("dark-gray", new int[]{0x4d, 0x55, 0x5e});
        RGB.put("gray", new int[]{0xc8, 0xcc, 0xd0});
        RGB.put("green", new int[]{0x08, 0xa7, 0x42});
        RGB.put("orange", new int[]{0xf5, 0x8a, 0x1f});
        RGB.put("pink", new int[]{0xf3, 0x9c, 0xc4});
        RGB.put("purple", new int[]{0x8e, 0x5b, 0xd6});
        RGB.put("red", new int[]{0xe2, 0x3d, 0x3d});
        RGB.put("yellow", new int[]{0xf6, 0xd2, 0x3e});
    }

    private LeadLabelColours() {
    }

    /** An allowed colour for a tag's colour as the mapped record carries it (a name or a hex value). */
    public static String of(String colour) {
        if (colour == null) {
            return FALLBACK;
        }
        String c = colour.strip().toLowerCase(Locale.ROOT);
        if (ALLOWED.contains(c)) {
            return c;
        }
        int[] rgb = parse(c);
        return rgb == null ? FALLBACK : nearest(rgb);
    }

    private static String nearest(int[] rgb) {
        int max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
        int min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        int spread = max - min;
        int[] probe = rgb;
        if (spread >= 12) { // a colour, not a grey: let the hue decide, not the lightness
            probe = new int[3];
            for (int i = 0; i < 3; i++) {
                probe[i] = 40 + (rgb[i] - min) * 190 / spread;
            }
        }
        String best = FALLBACK;
        long bestDistance = Long.MAX_VALUE;
        for (Map.Entry<String, int[]> e : RGB.entrySet()) {
            int[] p = e.getValue();
            long d = sq(probe[0] - p[0]) + sq(probe[1] - p[1]) + sq(probe[2] - p[2]);
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    private static int[] parse(String hex) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        if (!h.matches("[0-9a-f]{6}")) {
            return null;
        }
        return new int[]{Integer.parseInt(h.substring(0, 2), 16), Integer.parseInt(h.substring(2, 4), 16),
                Integer.parseInt(h.substring(4, 6), 16)};
    }

    private static long sq(long v) {
        return v * v;
    }
}
