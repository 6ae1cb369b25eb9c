package io.atomicmigrate.extractor.rest;

import io.atomicmigrate.extractor.service.CredentialCipher;
import io.atomicmigrate.extractor.service.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns service failures into {@code {"code", "error"}} bodies with the right status. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new MigrationResource.ErrorBody(e.code(), e.getMessage()));
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Bearer"); // RFC 6750: says which scheme, nothing more
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response credential(CredentialCipher.CredentialException e) {
        LOG.error(e.getMessage());
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(new MigrationResource.ErrorBody("CREDENTIAL_UNREADABLE", e.getMessage())).build();
    }
}
