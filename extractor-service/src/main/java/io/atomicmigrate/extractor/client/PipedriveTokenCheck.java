package io.atomicmigrate.extractor.client;

import io.atomicmigrate.extractor.service.Secret;
import io.atomicmigrate.extractor.service.source.ConnectionProblem;
import io.atomicmigrate.extractor.service.source.DestinationEndpoint;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Checks that Pipedrive accepts a migration's API token, before anything is planned around it. */
@ApplicationScoped
public class PipedriveTokenCheck {

    /** The problem, or null when the token works. Blocking: call from a worker thread. */
    public ConnectionProblem check(DestinationEndpoint destination) {
        Secret token = destination.apiToken();
        PipedriveUsersClient client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(destination.baseUrl()))
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS)
                .build(PipedriveUsersClient.class);
        try {
            client.me(token.reveal());
            return null;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 401 || status == 403) {
                return new ConnectionProblem(ConnectionProblem.DESTINATION_TOKEN_REJECTED,
                        "Pipedrive at " + destination.baseUrl() + " rejected the API token (HTTP " + status
                                + "); copy it again from Settings > Personal preferences > API");
            }
            return new ConnectionProblem(ConnectionProblem.DESTINATION_ERROR,
                    "Pipedrive at " + destination.baseUrl() + " answered HTTP " + status + " to GET /api/v1/users/me");
        } catch (ProcessingException e) {
            return new ConnectionProblem(ConnectionProblem.DESTINATION_UNREACHABLE,
                    "cannot reach Pipedrive at " + destination.baseUrl() + ": "
                            + Secret.mask(rootMessage(e), token));
        } finally {
            try {
                ((AutoCloseable) client).close();
            } catch (Exception ignored) {
                // closing a client that failed to connect can fail too; nothing to release then
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage());
    }
}
