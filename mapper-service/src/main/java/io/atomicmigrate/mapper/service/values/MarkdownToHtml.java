package io.atomicmigrate.mapper.service.values;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Atomic CRM renders note text as Markdown; Pipedrive note content is HTML. commonmark-java does
 * the conversion; raw HTML in the source is escaped (it was shown as text in Atomic CRM's Markdown
 * view anyway) and unsafe link schemes are neutralised, so a note cannot smuggle script into Pipedrive.
 */
public final class MarkdownToHtml {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private MarkdownToHtml() {
    }

    public static String render(String markdown) {
        return RENDERER.render(PARSER.parse(markdown)).strip();
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
