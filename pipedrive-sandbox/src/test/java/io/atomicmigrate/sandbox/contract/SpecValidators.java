package io.atomicmigrate.sandbox.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atomicmigrate.sandbox.service.Json;
import io.atomicmigrate.sandbox.ApiClient;
import io.atomicmigrate.sandbox.service.TokenCostTable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pipedrive's two OpenAPI specs loaded into Atlassian's swagger-request-validator. The sandbox
 * serves v1 under /api/v1 while the v1 spec's server is /v1, so paths are rewritten before
 * validation. Parsing the 2.8 MB of YAML takes seconds: one instance per JVM.
 */
final class SpecValidators {
    private static OpenApiInteractionValidator v1;
    private static OpenApiInteractionValidator v2;

    private SpecValidators() {
    }

    static synchronized OpenApiInteractionValidator forPath(String path) {
        if (path.startsWith("/api/v2/")) {
            if (v2 == null) {
                v2 = load(TokenCostTable.V2_SPEC);
            }
            return v2;
        }
        if (v1 == null) {
            v1 = load(TokenCostTable.V1_SPEC);
        }
        return v1;
    }

    /** The path as the spec knows it: /api/v1/notes → /v1/notes. */
    static String specPath(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return p.startsWith("/api/v1/") ? p.substring(4) : p;
    }

    private static OpenApiInteractionValidator load(String resource) {
        try (InputStream in = SpecValidators.class.getResourceAsStream(resource)) {
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // allOf envelopes (baseResponse + data) are merged so that each part sees all properties
            return OpenApiInteractionValidator.createForInlineApiSpecification(spec).withResolveCombinators(true)
                    // The specs never say additionalProperties: false and real Pipedrive responses carry
                    // fields the schemas omit (PIPEDRIVE.md lists several); types, formats, enums and
                    // required properties are still checked.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response.body.schema.additionalProperties", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ValidationReport validateResponse(String method, String path, ApiClient.Resp resp) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(resp.status()).withContentType("application/json");
        if (resp.json() != null) {
            b.withBody(Json.write(withoutNulls(resp.json().deepCopy())));
        }
        return forPath(path).validateResponse(specPath(path), Request.Method.valueOf(method), b.build());
    }

    static ValidationReport validateRequest(String method, String path, String body) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(method, specPath(path)).withHeader("x-api-token", "t");
        if (path.contains("?")) {
            for (String kv : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] p = kv.split("=", 2);
                b.withQueryParam(p[0], p.length > 1 ? p[1] : "");
            }
        }
        if (body != null) {
            b.withContentType("application/json").withBody(body);
        }
        return forPath(path).validateRequest(b.build());
    }

    /**
     * Pipedrive's schemas do not mark nullable fields although its responses (and the specs' own
     * examples, e.g. {@code "address": null}) carry nulls: a null reads as "absent" here, so a
     * required property that is null still fails.
     */
    static JsonNode withoutNulls(JsonNode n) {
        if (n instanceof ObjectNode o) {
            var names = new java.util.ArrayList<String>();
            o.fieldNames().forEachRemaining(names::add);
            for (String k : names) {
                if (o.get(k).isNull()) {
                    o.remove(k);
                } else {
                    withoutNulls(o.get(k));
                }
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(SpecValidators::withoutNulls);
        }
        return n;
    }

    /**
     * v1 timestamps are {@code YYYY-MM-DD HH:MM:SS} (PIPEDRIVE.md 5.1). Some v1 schemas declare
     * format date-time although their own examples use that space form (activity types:
     * {@code add_time: '2019-10-04 16:24:55'}); only that exact form is forgiven.
     */
    private static boolean isV1SpaceTimestamp(ValidationReport.Message m) {
        return m.getKey().equals("validation.response.body.schema.format.date-time")
                && m.getMessage().matches("(?s).*String \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\" is invalid.*");
    }

    static String describe(ValidationReport report) {
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !isV1SpaceTimestamp(m)).toList();
        return errors.stream().map(m -> m.getKey() + ": " + m.getMessage() + m.getNestedMessages().stream()
                .map(n -> "\n    " + n.getKey() + ": " + n.getMessage()).collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }
}
