package io.atomicmigrate.reconciler.rest;

import io.atomicmigrate.reconciler.config.ReconcilerConfig;
import io.atomicmigrate.reconciler.service.MigrationStatus;
import io.atomicmigrate.reconciler.service.StatusService;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The dashboard: one page, fed by server-sent events carrying the status of every migration
 * (runs, phases with counts and progress, rejects and failures by reason, verification).
 */
@Path("/dashboard")
public class DashboardResource {

    private final StatusService status;
    private final Duration every;
    private final String page;

    public DashboardResource(StatusService status, ReconcilerConfig config) {
        this.status = status;
        // as often as the gate re-counts: a faster feed would only repeat the same numbers
        this.every = config.gating().interval();
        try (InputStream in = DashboardResource.class.getResourceAsStream("/dashboard/index.html")) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard page missing from the jar", e);
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        return page;
    }

    /** Every migration's status, now and then again each interval, until the page goes away. */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<List<MigrationStatus>> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(every)
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> status.all());
    }
}
