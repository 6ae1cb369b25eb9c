package io.atomicmigrate.extractor.service.discovery;

import java.util.ArrayList;
import java.util.List;

/**
 * A tokenizer for the subset of TypeScript that configuration literals are written in: names,
 * strings in single, double or back quotes (without substitutions), numbers and punctuation;
 * comments are skipped. It starts at a given offset and the caller stops asking when its literal
 * ends, so JSX text elsewhere in the file (where an apostrophe is just an apostrophe) is never
 * tokenized.
 */
final class JsLexer {

    enum Kind { NAME, STRING, TEMPLATE, NUMBER, PUNCT, EOF }

    record Token(Kind kind, String text, int offset) {
        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "end of file" : kind == Kind.STRING ? "string \"" + text + "\"" : "'" + text + "'";
        }
    }

    private final String src;
    private int pos;

    JsLexer(String src, int start) {
        this.src = src;
        this.pos = start;
    }

    /** Line number (1-based) of an offset, for messages. */
    static int lineOf(String src, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    Token next() {
        skipTrivia();
        if (pos >= src.length()) {
            return new Token(Kind.EOF, "", pos);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (Character.isJavaIdentifierStart(c)) {
            while (pos < src.length() && Character.isJavaIdentifierPart(src.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.NAME, src.substring(start, pos), start);
        }
        if (c == '`') {
            return template(start);
        }
        if (c == '"' || c == '\'') {
            return new Token(Kind.STRING, string(c), start);
        }
        if (Character.isDigit(c) || c == '-' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
            pos++;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                    || src.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Kind.NUMBER, src.substring(start, pos).replace("_", ""), start);
        }
        if (src.startsWith("...", pos)) {
            pos += 3;
            return new Token(Kind.PUNCT, "...", start);
        }
        if (src.startsWith("/>", pos) || src.startsWith("=>", pos)) {
            pos += 2;
            return new Token(Kind.PUNCT, src.substring(start, pos), start);
        }
        pos++;
        return new Token(Kind.PUNCT, String.valueOf(c), start);
    }

    /** All tokens from the start offset to the end of the text (for tests and small slices). */
    List<Token> rest() {
        List<Token> tokens = new ArrayList<>();
        for (Token t = next(); t.kind() != Kind.EOF; t = next()) {
            tokens.add(t);
        }
        return tokens;
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                int end = src.indexOf('\n', pos);
                pos = end < 0 ? src.length() : end + 1;
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new JsSyntaxException("comment opened on line " + lineOf(src, pos) + " is never closed");
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    /**
     * A back-quoted string: a STRING when it has no substitution, else a TEMPLATE token spanning
     * the whole literal (nested braces included), so the caller can skip it and say why.
     */
    private Token template(int start) {
        int save = pos;
        int depth = 0;
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (depth == 0 && c == '`') {
                break;
            } else if (c == '$' && pos < src.length() && src.charAt(pos) == '{') {
                depth++;
                pos++;
            } else if (depth > 0 && c == '}') {
                depth--;
            }
        }
        String whole = src.substring(start, Math.min(pos, src.length()));
        if (!whole.contains("${")) {
            pos = save;
            return new Token(Kind.STRING, string('`'), start);
        }
        return new Token(Kind.TEMPLATE, whole, start);
    }

    private String string(char quote) {
        int openedAt = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n' && quote != '`') {
                break;
            }
            if (c == '\\' && pos < src.length()) {
                char e = src.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'u' -> {
                        if (pos + 4 > src.length()) {
                            throw new JsSyntaxException("bad \\u escape on line " + lineOf(src, pos));
                        }
                        sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    case '\n' -> { } // line continuation
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw new JsSyntaxException("string opened on line " + lineOf(src, openedAt) + " is never closed");
    }

    /** Text that is not the literal subset we read. */
    static final class JsSyntaxException extends RuntimeException {
        JsSyntaxException(String message) {
            super(message);
        }
    }
}
