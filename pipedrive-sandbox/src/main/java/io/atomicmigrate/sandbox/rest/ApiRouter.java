package io.atomicmigrate.sandbox.rest;

import io.atomicmigrate.sandbox.config.Behaviour;
import io.atomicmigrate.sandbox.service.AccountService;
import io.atomicmigrate.sandbox.service.ActivityService;
import io.atomicmigrate.sandbox.service.ParticipantService;
import io.atomicmigrate.sandbox.service.SandboxClock;
import io.atomicmigrate.sandbox.service.ActivityTypeService;
import io.atomicmigrate.sandbox.service.ApiException;
import io.atomicmigrate.sandbox.service.DealService;
import io.atomicmigrate.sandbox.service.FieldService;
import io.atomicmigrate.sandbox.service.FileService;
import io.atomicmigrate.sandbox.service.LeadLabelService;
import io.atomicmigrate.sandbox.service.LeadService;
import io.atomicmigrate.sandbox.service.NoteService;
import io.atomicmigrate.sandbox.service.OrganizationService;
import io.atomicmigrate.sandbox.service.PersonService;
import io.atomicmigrate.sandbox.service.PipelineService;
import io.atomicmigrate.sandbox.service.SearchService;
import io.atomicmigrate.sandbox.service.StageService;
import io.atomicmigrate.sandbox.service.UserService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Mounts every Pipedrive route behind the gateway. Literal paths (/persons/search,
 * /deals/archived) go before templated ones (/persons/:id). Unknown routes answer 404 and
 * known paths with the wrong method 405, both with Pipedrive-shaped bodies.
 */
public final class ApiRouter {
    /** The services the routes delegate to. */
    public record Services(PersonService persons, OrganizationService organizations, DealService deals,
                           ActivityService activities, PipelineService pipelines, StageService stages,
                           FieldService fields, SearchService search, NoteService notes, FileService files,
                           UserService users, ActivityTypeService activityTypes, LeadService leads,
                           LeadLabelService leadLabels, ParticipantService participants) {

        public static Services create(SandboxClock clock, Behaviour behaviour, AccountService accounts) {
            return new Services(new PersonService(clock, behaviour), new OrganizationService(clock, behaviour),
                    new DealService(clock, behaviour), new ActivityService(clock, behaviour), new PipelineService(clock, behaviour),
                    new StageService(clock, behaviour), new FieldService(clock, behaviour), new SearchService(clock, behaviour),
                    new NoteService(clock, behaviour), new FileService(clock, behaviour), new UserService(accounts),
                    new ActivityTypeService(clock), new LeadService(clock, behaviour), new LeadLabelService(clock),
                    new ParticipantService(clock, behaviour));
        }
    }

    private ApiRouter() {
    }

    public static void mount(Router router, ApiGateway gateway, Services s, String baseUrl) {
        for (String prefix : new String[]{"/api/v2/*", "/api/v1/*", "/v1/*"}) {
            router.route(prefix).handler(gateway);
        }
        SearchRoutes.mount(router, s.search());
        V2EntityRoutes.mountList(router, "/api/v2/deals/archived", s.deals().archivedView());
        V2EntityRoutes.mount(router, "/api/v2/persons", s.persons());
        V2EntityRoutes.mount(router, "/api/v2/organizations", s.organizations());
        V2EntityRoutes.mount(router, "/api/v2/deals", s.deals());
        V2EntityRoutes.mount(router, "/api/v2/activities", s.activities());
        V2EntityRoutes.mount(router, "/api/v2/pipelines", s.pipelines());
        V2EntityRoutes.mount(router, "/api/v2/stages", s.stages());
        FieldRoutes.mount(router, s.fields());
        NoteRoutes.mount(router, s.notes());
        FileRoutes.mount(router, s.files(), baseUrl);
        UserRoutes.mount(router, s.users());
        ActivityTypeRoutes.mount(router, s.activityTypes());
        LeadRoutes.mount(router, s.leads(), s.leadLabels());
        ParticipantRoutes.mount(router, s.participants());
        V1FieldRoutes.mount(router, s.fields());

        router.errorHandler(404, ctx -> notFoundOrMethod(ctx, 404));
        router.errorHandler(405, ctx -> notFoundOrMethod(ctx, 405));
    }

    private static void notFoundOrMethod(RoutingContext ctx, int status) {
        ApiVersion version = ctx.get(ApiGateway.VERSION);
        if (version == null) {
            version = ctx.normalizedPath().startsWith("/api/v2/") ? ApiVersion.V2 : ApiVersion.V1;
        }
        String text = status == 404 ? "Unknown route " + ctx.request().method() + " " + ctx.normalizedPath()
                : "Method " + ctx.request().method() + " is not allowed for " + ctx.normalizedPath();
        Responses.error(ctx, version, new ApiException(status, text, "Please check developers.pipedrive.com", null));
    }
}
