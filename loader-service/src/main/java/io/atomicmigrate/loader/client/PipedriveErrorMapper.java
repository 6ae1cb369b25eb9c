package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.json.Json;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns Pipedrive's error bodies (PIPEDRIVE.md §1.7: v1 {@code error}/{@code error_info}/
 * {@code errorCode}, v2 {@code error}/{@code code}, the Cloudflare HTML page) into typed exceptions.
 * Registered per account client; it knows that account's token only to scrub it from messages.
 */
public final class PipedriveErrorMapper implements ResponseExceptionMapper<PipedriveException> {

    /** Retry-After above this means the daily budget, not the burst window (PIPEDRIVE.md §2.5 heuristic). */
    private static final long DAILY_RETRY_AFTER_SECONDS = 60;
    private static final int MAX_TEXT = 300;

    private final String secret;

    public PipedriveErrorMapper(String secret) {
        this.secret = secret;
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }

    @Override
    public PipedriveException toThrowable(Response response) {
        int status = response.getStatus();
        String body = readBody(response);
        JsonNode json = parse(body);
        String error = json == null ? null : text(json, "error");
        String code = json == null ? null : json.hasNonNull("code") ? json.get("code").asText()
                : json.hasNonNull("errorCode") ? json.get("errorCode").asText() : null;
        if (json == null && body != null && body.toLowerCase().contains("<html")) {
            error = "blocked by Pipedrive's abuse protection (HTML page instead of JSON)";
            code = "BLOCKED";
        }
        String message = scrub("Pipedrive answered " + status + (code == null || code.equals(Integer.toString(status))
                ? "" : " " + code) + ": "
                + (error == null ? abbreviate(body) : error)
                + (json != null && json.hasNonNull("error_info") ? " (" + json.get("error_info").asText() + ")" : ""));
        if (status == 429) {
            long seconds = retryAfter(response);
            boolean daily = seconds > DAILY_RETRY_AFTER_SECONDS
                    || error != null && error.toLowerCase().contains("daily");
            return new PipedriveRateLimitedException(daily ? "DAILY_BUDGET_EXCEEDED" : "BURST_LIMITED", message,
                    Duration.ofSeconds(seconds), daily);
        }
        if (status == 401 || status == 402 || status == 403 && "BLOCKED".equals(code)) {
            return new PipedriveAuthException(status, code == null ? "HTTP_" + status : code, message);
        }
        if (status >= 500 || status == 408) {
            return new PipedriveUnavailableException(status, code == null ? "HTTP_" + status : code, message);
        }
        return new PipedriveRejectedException(status, code == null ? "HTTP_" + status : code, message);
    }

    private static long retryAfter(Response response) {
        String value = response.getHeaderString("retry-after");
        if (value == null) {
            value = response.getHeaderString("x-ratelimit-reset");
        }
        try {
            return value == null ? 10 : Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 10;
        }
    }

    private static String readBody(Response response) {
        try {
            return response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT) + "…";
    }

    /** Error texts echo request values at times (a validation message quoting a parameter); never the token. */
    String scrub(String message) {
        return Secrets.scrub(message, secret);
    }
}
