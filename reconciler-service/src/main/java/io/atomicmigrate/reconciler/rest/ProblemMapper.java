package io.atomicmigrate.reconciler.rest;

import io.atomicmigrate.reconciler.service.ConductorException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused request answers with its HTTP status and {@code {code, message}}, never a stack trace. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response refused(ConductorException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("code", e.code(), "message", e.getMessage())).build();
    }
}
