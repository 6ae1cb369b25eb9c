package io.atomicmigrate.loader.client;

import io.atomicmigrate.loader.service.RateBudget;
import jakarta.ws.rs.ProcessingException;
import java.util.function.Supplier;

/**
 * One Pipedrive company account as one API token sees it: the v1 and v2 clients and the shared
 * budget every call goes through. {@link #call} takes the burst slot and the operation's token cost
 * before the request and turns 429s into an account-wide pause.
 */
public final class PipedriveAccount {

    private final long accountId;
    private final String tokenKey;
    private final PipedriveV2Api v2;
    private final PipedriveV1Api v1;
    private final PipedriveFilesApi files;
    private final RateBudget budget;
    private final String secret;

    PipedriveAccount(long accountId, String tokenKey, PipedriveV2Api v2, PipedriveV1Api v1, PipedriveFilesApi files,
                     RateBudget budget, String secret) {
        this.files = files;
        this.accountId = accountId;
        this.tokenKey = tokenKey;
        this.v2 = v2;
        this.v1 = v1;
        this.budget = budget;
        this.secret = secret;
    }

    /** The Pipedrive company id: the key of the daily budget and of ledger rows. */
    public long accountId() {
        return accountId;
    }

    /** A fingerprint of the token (never the token): the key of the burst window. */
    public String tokenKey() {
        return tokenKey;
    }

    public PipedriveV2Api v2() {
        return v2;
    }

    public PipedriveV1Api v1() {
        return v1;
    }

    /** v1 Files, on a client with the upload timeout; {@link PipedriveFiles} wraps it. */
    public PipedriveFilesApi files() {
        return files;
    }

    /**
     * Makes one Pipedrive call under the budget. {@code operationId} names the spec operation, whose
     * {@code x-token-cost} is charged.
     */
    public <T> T call(String operationId, Supplier<T> request) {
        // the permit is closed when the answer (or failure) is in, before the handlers below run
        try (RateBudget.Permit permit = budget.acquire(tokenKey, accountId, TokenCosts.of(operationId))) {
            return request.get();
        } catch (PipedriveRateLimitedException e) {
            budget.rateLimited(tokenKey, accountId, e.retryAfter(), e.daily());
            throw e;
        } catch (PipedriveException e) {
            throw e;
        } catch (ProcessingException e) {
            // timeouts, resets, unparseable bodies: the request may or may not have been applied
            throw new PipedriveUnavailableException(Secrets.scrub(operationId + ": no usable answer from Pipedrive ("
                    + rootCause(e) + ")", secret), null);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            throw new PipedriveUnavailableException(e.getResponse() == null ? 0 : e.getResponse().getStatus(),
                    "UNEXPECTED_RESPONSE", Secrets.scrub(operationId + ": " + e.getMessage(), secret));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public String toString() {
        return "PipedriveAccount[" + accountId + ", token " + tokenKey + "]";
    }
}
