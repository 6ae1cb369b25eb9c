package io.atomicmigrate.loader.rest;

import io.atomicmigrate.loader.service.RateBudget;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The shared rate budget of a Pipedrive company account: spent, left, paused, who waits. */
@Path("/api/accounts/{accountId}/budget")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class BudgetResource {

    private final RateBudget budget;

    public BudgetResource(RateBudget budget) {
        this.budget = budget;
    }

    @GET
    public RateBudget.Status status(@PathParam("accountId") long accountId) {
        return budget.status(accountId);
    }
}
