package io.atomicmigrate.mapper.service.values;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Atomic CRM tags carry any hex colour (mostly a pastel palette); Pipedrive labels take one of
 * ten named colours. Nearest by Euclidean distance in RGB: pastels land on their hue, and the
 * near-white CSV-import grey {@code #f9f9f9} lands on gray.
 */
public final class NearestPipedriveColour {

    /** Pipedrive's label colours and representative RGB values of how its UI draws them. */
    public static final Map<String, int[]> COLOURS = new LinkedHashMap<>();

    static {
        COLOURS.put("blue", new int[] {0x31, 0x7a, 0xe2});
        COLOURS.put("brown", new int[] {0x9c, 0x6b, 0x45});
        COLOURS.put("dark-gray", new int[] {0x4d, 0x55, 0x5e});
        COLOURS.put("gray", new int[] {0xc8, 0xcc, 0xd0});
        COLOURS.put("green", new int[] {0x08, 0xa7, 0x42});
        COLOURS.put("orange", new int[] {0xf5, 0x8a, 0x1f});
        COLOURS.put("pink", new int[] {0xf3, 0x9c, 0xc4});
        COLOURS.put("purple", new int[] {0x8e, 0x5b, 0xd6});
        COLOURS.put("red", new int[] {0xe2, 0x3d, 0x3d});
        COLOURS.put("yellow", new int[] {0xf6, 0xd2, 0x3e});
    }

    private NearestPipedriveColour() {
    }

    /**
     * @throws IllegalArgumentException when {@code hex} is not {@code #rgb} or {@code #rrggbb}
     */
    public static String of(String hex) {
        int[] rgb = parse(hex);
        // Pastels are far from every saturated swatch; compare hue-bearing colours on a
        // saturation-stretched copy so that #fde2e4 reads as pink rather than gray.
        int[] probe = stretch(rgb);
        String best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Map.Entry<String, int[]> e : COLOURS.entrySet()) {
            int[] c = e.getValue();
            long d = sq(probe[0] - c[0]) + sq(probe[1] - c[1]) + sq(probe[2] - c[2]);
            if (d < bestDistance) {
                bestDistance = d;
                best = e.getKey();
            }
        }
        return best;
    }

    static int[] parse(String hex) {
        String h = hex == null ? "" : hex.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("#")) {
            h = h.substring(1);
        }
        if (h.length() == 3) {
            h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
        }
        if (!h.matches("[0-9a-f]{6}")) {
            throw new IllegalArgumentException("'" + hex + "' is not a hex colour such as #eddcd2");
        }
        return new int[] {Integer.parseInt(h.substring(0, 2), 16), Integer.parseInt(h.substring(2, 4), 16),
                Integer.parseInt(h.substring(4, 6), 16)};
    }

    private static int[] stretch(int[] rgb) {
        int max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
        int min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        int spread = max - min;
        if (spread < 12) {
            return rgb; // a grey: keep it grey
        }
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            // spread the channels over 40..230 so the hue decides, not the lightness
            out[i] = 40 + (rgb[i] - min) * 190 / spread;
        }
        return out;
    }

    private static long sq(int v) {
        return (long) v * v;
    }
}
