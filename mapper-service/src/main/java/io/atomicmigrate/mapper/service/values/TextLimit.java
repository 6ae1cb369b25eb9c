package io.atomicmigrate.mapper.service.values;

/** Cutting text to a limit without splitting a character (emoji are two UTF-16 units). */
public final class TextLimit {

    private TextLimit() {
    }

    /** Length in characters as Pipedrive counts them (code points). */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    public static String truncate(String text, int maxCodePoints) {
        if (length(text) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
    }
}
