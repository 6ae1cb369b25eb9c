package io.atomicmigrate.extractor.service.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.extractor.service.discovery.JsLexer.Kind;
import io.atomicmigrate.extractor.service.discovery.JsLexer.Token;
import io.atomicmigrate.extractor.service.discovery.JsLexer.JsSyntaxException;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * Recursive descent over the JavaScript literal subset config props are written in: strings,
 * numbers, booleans, null, arrays and objects (trailing commas, unquoted or quoted keys,
 * shorthand properties, spreads), identifiers resolved through a callback, and the TypeScript
 * suffixes {@code as const} / {@code satisfies T}. Anything else (a call, an operator) is a
 * {@link JsSyntaxException} naming what it met and where.
 */
final class JsLiteralParser {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final String src;
    private final JsLexer lexer;
    private final Function<String, JsonNode> resolve;
    private Token current;

    /**
     * @param resolve the value of an identifier, or null when it is unknown (then a
     *                {@link UnresolvedIdentifierException} is raised)
     */
    JsLiteralParser(String src, int start, Function<String, JsonNode> resolve) {
        this.src = src;
        this.lexer = new JsLexer(src, start);
        this.resolve = resolve;
        this.current = lexer.next();
    }

    Token current() {
        return current;
    }

    void advance() {
        current = lexer.next();
    }

    void expect(String punct) {
        if (!current.is(punct)) {
            throw error("expected '" + punct + "'");
        }
        advance();
    }

    /** One value, with any {@code as const} / {@code satisfies T} suffix. */
    JsonNode value() {
        JsonNode v = primary();
        while (current.isName("as") || current.isName("satisfies")) {
            advance();
            skipType();
        }
        return v;
    }

    private JsonNode primary() {
        Token t = current;
        switch (t.kind()) {
            case STRING -> {
                advance();
                return F.textNode(t.text());
            }
            case TEMPLATE -> throw error("a template string with ${...} is computed at run time");
            case NUMBER -> {
                advance();
                try {
                    return F.numberNode(new BigDecimal(t.text()));
                } catch (NumberFormatException e) {
                    throw error("cannot read the number " + t.text());
                }
            }
            case NAME -> {
                advance();
                return switch (t.text()) {
                    case "true" -> F.booleanNode(true);
                    case "false" -> F.booleanNode(false);
                    case "null", "undefined" -> F.nullNode();
                    default -> identifier(t);
                };
            }
            case PUNCT -> {
                if (t.is("[")) {
                    return array();
                }
                if (t.is("{")) {
                    return object();
                }
                if (t.is("(")) {
                    advance();
                    JsonNode v = value();
                    expect(")");
                    return v;
                }
                throw error("unexpected " + t);
            }
            default -> throw error("unexpected end of file");
        }
    }

    private JsonNode identifier(Token name) {
        if (current.is("(") || current.is(".") || current.is("[")) {
            throw error("'" + name.text() + "' is used in an expression (call or member access), not a plain value");
        }
        JsonNode v = resolve.apply(name.text());
        if (v == null) {
            throw new UnresolvedIdentifierException(name.text());
        }
        return v;
    }

    private ArrayNode array() {
        expect("[");
        ArrayNode a = F.arrayNode();
        while (!current.is("]")) {
            if (current.is("...")) {
                advance();
                JsonNode spread = value();
                if (!spread.isArray()) {
                    throw error("spread of a non-array into an array");
                }
                a.addAll((ArrayNode) spread);
            } else {
                a.add(value());
            }
            if (!current.is(",")) {
                break;
            }
            advance();
        }
        expect("]");
        return a;
    }

    private ObjectNode object() {
        expect("{");
        ObjectNode o = F.objectNode();
        while (!current.is("}")) {
            if (current.is("...")) {
                advance();
                JsonNode spread = value();
                if (!spread.isObject()) {
                    throw error("spread of a non-object into an object");
                }
                o.setAll((ObjectNode) spread);
            } else {
                Token key = current;
                if (key.kind() != Kind.NAME && key.kind() != Kind.STRING && key.kind() != Kind.NUMBER) {
                    throw error("expected a property name");
                }
                advance();
                if (current.is(":")) {
                    advance();
                    o.set(key.text(), value());
                } else if (key.kind() == Kind.NAME && (current.is(",") || current.is("}"))) {
                    o.set(key.text(), identifier(key)); // shorthand { label }
                } else {
                    throw error("expected ':' after property " + key.text());
                }
            }
            if (!current.is(",")) {
                break;
            }
            advance();
        }
        expect("}");
        return o;
    }

    /** Skips a type after ':' / 'as' / 'satisfies': names, dots, unions, generics and array brackets. */
    void skipType() {
        int depth = 0;
        while (current.kind() != Kind.EOF) {
            if (current.is("<") || current.is("[")) {
                depth++;
            } else if ((current.is(">") || current.is("]")) && depth > 0) {
                depth--;
            } else if (depth == 0 && !(current.kind() == Kind.NAME || current.is(".") || current.is("|")
                    || current.is("&"))) {
                return;
            }
            advance();
        }
    }

    JsSyntaxException error(String what) {
        return new JsSyntaxException(what + " on line " + JsLexer.lineOf(src, current.offset()));
    }

    /** An identifier that names nothing this file defines (an import, say). */
    static final class UnresolvedIdentifierException extends RuntimeException {
        private final String name;

        UnresolvedIdentifierException(String name) {
            super("'" + name + "' is not defined in this file");
            this.name = name;
        }

        String name() {
            return name;
        }
    }
}
