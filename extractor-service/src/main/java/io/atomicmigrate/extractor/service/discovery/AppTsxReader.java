package io.atomicmigrate.extractor.service.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atomicmigrate.extractor.service.discovery.JsLexer.JsSyntaxException;
import io.atomicmigrate.extractor.service.discovery.JsLexer.Kind;
import io.atomicmigrate.extractor.service.discovery.JsLexer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the configuration props of the {@code <CRM ...>} element in a customer's
 * {@code src/App.tsx} (ATOMIC_CRM.md §5.7): inline literals, identifiers naming consts of the
 * same file (also spread into new arrays), upstream's {@code default*} consts, single or double
 * quotes, trailing commas, comments, attribute strings and {@code {"EUR"}} expressions. A prop it
 * cannot read becomes a warning naming the prop; it never fails the whole file.
 */
public final class AppTsxReader {

    /** The {@code <CRM>} props that are configuration (§5.7); others (logo, themes) are not. */
    public static final Set<String> CONFIG_PROPS = Set.of("companySectors", "dealCategories", "dealPipelineStatuses",
            "dealStages", "noteStatuses", "taskTypes", "currency", "title", "lightModeLogo", "darkModeLogo");

    private static final Pattern CONST = Pattern.compile("\\b(?:const|let|var)\\s+(?!(?:const|let|var)\\b)([A-Za-z_$][\\w$]*)");
    private static final Pattern CRM_ELEMENT = Pattern.compile("<CRM(?=[\\s/>])");
    private static final Pattern IMPORT = Pattern.compile(
            "import\\s+(?:type\\s+)?\\{([^}]*)}\\s*from\\s*[\"']([^\"']+)[\"']");

    /** What was read: props by name, and the warnings. */
    public record Result(boolean crmElementFound, Map<String, JsonNode> props, List<String> warnings) {
    }

    public Result read(String source) {
        List<String> warnings = new ArrayList<>();
        Map<String, JsonNode> props = new LinkedHashMap<>();
        Matcher crm = CRM_ELEMENT.matcher(source);
        if (!crm.find()) {
            warnings.add("App.tsx has no <CRM> element; its configuration props cannot be read");
            return new Result(false, props, warnings);
        }
        Scope scope = new Scope(source, imports(source));
        JsLiteralParser p = new JsLiteralParser(source, crm.end(), scope::resolve);
        try {
            while (!p.current().is("/>") && !p.current().is(">")) {
                Token t = p.current();
                if (t.kind() == Kind.EOF) {
                    warnings.add("the <CRM> element on line " + JsLexer.lineOf(source, crm.start())
                            + " is never closed; props after line " + JsLexer.lineOf(source, t.offset()) + " are not read");
                    break;
                }
                if (t.is("{")) {
                    // {...props}: computed at run time
                    int end = skipBraces(p);
                    warnings.add("the <CRM> element spreads an object on line " + JsLexer.lineOf(source, t.offset())
                            + "; props it passes cannot be read" + (end < 0 ? "" : ""));
                    continue;
                }
                if (t.kind() != Kind.NAME) {
                    throw p.error("unexpected " + t + " in the <CRM> element");
                }
                String name = t.text();
                p.advance();
                while (p.current().is("-") || p.current().is(":")) { // data-x / ns:attr names
                    p.advance();
                    name = name + "-" + p.current().text();
                    p.advance();
                }
                if (!p.current().is("=")) {
                    readProp(props, warnings, name, JsonNodeFactory.instance.booleanNode(true));
                    continue;
                }
                p.advance();
                Token value = p.current();
                if (value.kind() == Kind.STRING) {
                    p.advance();
                    readProp(props, warnings, name, JsonNodeFactory.instance.textNode(value.text()));
                } else if (value.is("{")) {
                    readExpression(source, scope, p, props, warnings, name);
                } else {
                    throw p.error("unexpected " + value + " as the value of " + name);
                }
            }
        } catch (JsSyntaxException e) {
            warnings.add("the <CRM> element could not be read past a syntax problem (" + e.getMessage()
                    + "); props before it were read");
        }
        return new Result(true, props, warnings);
    }

    private void readExpression(String source, Scope scope, JsLiteralParser p, Map<String, JsonNode> props,
                                List<String> warnings, String name) {
        int start = p.current().offset();
        // Parse the braces' content on its own, so a failure skips just this prop.
        int end = skipBraces(p);
        if (!CONFIG_PROPS.contains(name)) {
            return;
        }
        JsLiteralParser inner = new JsLiteralParser(source.substring(0, end), start + 1, scope::resolve);
        try {
            JsonNode v = inner.value();
            if (inner.current().kind() != Kind.EOF && !inner.current().is("}")) {
                throw inner.error("unexpected " + inner.current() + " after the value");
            }
            readProp(props, warnings, name, v);
        } catch (JsLiteralParser.UnresolvedIdentifierException e) {
            String from = scope.imports.get(e.name());
            warnings.add("prop " + name + " could not be read: it refers to '" + e.name() + "'"
                    + (from == null ? ", which this file does not define"
                    : ", imported from '" + from + "', which was not uploaded")
                    + "; the default is used for " + name);
        } catch (JsSyntaxException e) {
            warnings.add("prop " + name + " could not be read: " + e.getMessage() + "; the default is used for " + name);
        }
    }

    private static void readProp(Map<String, JsonNode> props, List<String> warnings, String name, JsonNode value) {
        if (CONFIG_PROPS.contains(name)) {
            props.put(name, value);
        }
    }

    /** Skips a balanced {...} starting at the current token; returns the offset of the closing brace. */
    private static int skipBraces(JsLiteralParser p) {
        int depth = 0;
        do {
            Token t = p.current();
            if (t.kind() == Kind.EOF) {
                throw p.error("unbalanced braces");
            }
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth--;
                if (depth == 0) {
                    p.advance();
                    return t.offset();
                }
            }
            p.advance();
        } while (true);
    }

    private static Map<String, String> imports(String source) {
        Map<String, String> names = new HashMap<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            for (String part : m.group(1).split(",")) {
                String n = part.strip();
                if (n.isEmpty()) {
                    continue;
                }
                String[] as = n.split("\\s+as\\s+");
                names.put(as[as.length - 1].replaceFirst("^type\\s+", "").strip(), m.group(2));
            }
        }
        return names;
    }

    /** Consts of the file, parsed on first use (and cycles refused). */
    private static final class Scope {
        private final String source;
        private final Map<String, String> imports;
        private final Map<String, Integer> declarations = new HashMap<>();
        private final Map<String, JsonNode> values = new HashMap<>();
        private final java.util.Set<String> resolving = new java.util.HashSet<>();

        Scope(String source, Map<String, String> imports) {
            this.source = source;
            this.imports = imports;
            Matcher m = CONST.matcher(source);
            while (m.find()) {
                declarations.putIfAbsent(m.group(1), m.end());
            }
        }

        JsonNode resolve(String name) {
            if (values.containsKey(name)) {
                return values.get(name);
            }
            Integer at = declarations.get(name);
            if (at == null) {
                JsonNode upstream = UpstreamDefaults.byConstName(name);
                if (upstream != null) {
                    return upstream;
                }
                return null;
            }
            if (!resolving.add(name)) {
                throw new JsSyntaxException("'" + name + "' refers to itself");
            }
            try {
                JsLiteralParser p = new JsLiteralParser(source, at, this::resolve);
                if (p.current().is(":")) {
                    p.advance();
                    p.skipType();
                }
                p.expect("=");
                JsonNode v = p.value();
                values.put(name, v);
                return v;
            } catch (JsSyntaxException e) {
                throw new JsSyntaxException("const " + name + ": " + e.getMessage());
            } finally {
                resolving.remove(name);
            }
        }
    }
}
