package io.atomicmigrate.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.loader.config.LoaderConfig;
import io.atomicmigrate.loader.service.RateBudget;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Rest Clients of one Pipedrive account: base URL and token differ per customer, so
 * clients are built per destination with {@link QuarkusRestClientBuilder} and cached by
 * (base URL, token fingerprint). The first use asks {@code GET /v1/users/me} for the company id.
 */
@ApplicationScoped
public class PipedriveClientFactory {

    /** Daily-budget key of the calls made before the company id is known. */
    static final long UNKNOWN_COMPANY = 0;

    private final LoaderConfig.Client config;
    private final RateBudget budget;
    private final Map<String, PipedriveAccount> accounts = new ConcurrentHashMap<>();

    @Inject
    public PipedriveClientFactory(LoaderConfig config, RateBudget budget) {
        this(config.client(), budget);
    }

    /** A factory on its own budget client: another replica (the shared-budget test, the bench). */
    public PipedriveClientFactory(LoaderConfig.Client config, RateBudget budget) {
        this.config = config;
        this.budget = budget;
    }

    /** The account behind a base URL and token; built once, then shared by every migration using it. */
    public PipedriveAccount account(String baseUrl, String apiToken) {
        String tokenKey = Secrets.fingerprint(apiToken);
        return accounts.computeIfAbsent(baseUrl + "|" + tokenKey, k -> build(baseUrl, apiToken, tokenKey));
    }

    private PipedriveAccount build(String baseUrl, String apiToken, String tokenKey) {
        long[] accountId = {-1};
        RateLimitHeadersFilter headers = new RateLimitHeadersFilter((status, limit, remaining, reset) -> {
            if (accountId[0] >= 0) {
                budget.observed(tokenKey, accountId[0], limit);
            }
        });
        PipedriveV2Api v2 = builder(baseUrl, apiToken, headers).build(PipedriveV2Api.class);
        PipedriveV1Api v1 = builder(baseUrl, apiToken, headers).build(PipedriveV1Api.class);
        PipedriveFilesApi files = builder(baseUrl, apiToken, headers)
                .readTimeout(config.uploadTimeout().toMillis(), TimeUnit.MILLISECONDS).build(PipedriveFilesApi.class);
        // Which company is this? 2 tokens, once per token and replica. It counts in the token's burst
        // window like any call; its daily tokens go to company 0 ("not known yet"), since the daily
        // budget is keyed by the answer.
        JsonNode me;
        try {
            try (RateBudget.Permit permit = budget.acquire(tokenKey, UNKNOWN_COMPANY, TokenCosts.of("getCurrentUser"))) {
                me = Envelopes.data(v1.me());
            }
        } catch (jakarta.ws.rs.ProcessingException e) {
            throw new PipedriveUnavailableException("could not reach Pipedrive at " + baseUrl + " to identify the account",
                    null);
        }
        accountId[0] = me.path("company_id").asLong();
        return new PipedriveAccount(accountId[0], tokenKey, v2, v1, files, budget, apiToken);
    }

    private QuarkusRestClientBuilder builder(String baseUrl, String apiToken, RateLimitHeadersFilter headers) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new ApiTokenFilter(apiToken))
                .register(new PipedriveErrorMapper(apiToken))
                .register(headers);
    }
}
