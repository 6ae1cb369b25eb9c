package io.atomicmigrate.mapper.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.atomicmigrate.mapper.service.review.MapReviewException;
import io.atomicmigrate.mapper.service.review.ValidationIssue;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error as JSON {code, message, issues}: specific enough to fix the request without reading logs. */
public class ErrorMappers {

    public record ErrorBody(String code, String message, List<ValidationIssue> issues) {
    }

    @ServerExceptionMapper
    public Response review(MapReviewException e) {
        return json(e.status(), new ErrorBody(e.code(), e.getMessage(), e.issues()));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where = " at " + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String message = e.getOriginalMessage();
        // Jackson wraps our own IllegalArgumentExceptions (e.g. an unknown field type); their text is the useful part
        if (e.getCause() != null && e.getCause().getMessage() != null && e.getCause() instanceof IllegalArgumentException) {
            message = e.getCause().getMessage();
        }
        return json(400, new ErrorBody("INVALID_JSON", "the body is not a valid document" + where + ": " + message, List.of()));
    }

    /** More specific than Quarkus' own mapper for this exception, which answers without a message. */
    @ServerExceptionMapper(priority = 1)
    public Response unknownProperty(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream().map(v -> v.getMessage()).sorted()
                .collect(Collectors.joining("; "));
        return json(400, new ErrorBody("INVALID_REQUEST", message, List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST wraps body-decoding failures; the Jackson message says which property is wrong
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return badJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        return json(status, new ErrorBody(status == 404 ? "NOT_FOUND" : status == 400 ? "BAD_REQUEST" : "HTTP_" + status,
                e.getMessage(), List.of()));
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
