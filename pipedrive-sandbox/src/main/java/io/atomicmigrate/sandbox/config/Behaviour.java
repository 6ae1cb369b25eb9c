package io.atomicmigrate.sandbox.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Switches for the behaviours PIPEDRIVE.md marks unknown (U): each has the default the fact sheet
 * recommends, and tests flip them per sandbox instance.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class Behaviour {
    /** Enforce burst, search and daily limits at all; the benchmark lifts them. */
    public boolean limitsEnabled = true;
    /** Person {@code name} is required (MIG and the importer say so; the spec does not). */
    public boolean requirePersonName = true;
    /** Deals need a person_id or org_id (v1 rule since 2021; v2 enforcement unknown). */
    public boolean requireDealPersonOrOrg = true;
    /** A limit above the maximum: false = 400, true = clamp to the maximum. */
    public boolean clampLimit = false;
    /** Whether a 429 (or 403 block) response still consumes its token cost. */
    public boolean chargeRejectedCalls = false;
    /** Seconds of the burst penalty after a 429. */
    public int penaltySeconds = 10;
    /** Requests during the penalty extend it (concurrent retries "compound and prolong it"). */
    public boolean penaltyExtendsOnViolation = true;
    /** After this many consecutive 429s on one token, answer 403 HTML (Cloudflare-like); 0 = never. */
    public int blockAfterConsecutive429s = 100;
    /** How long the 403 HTML block lasts. */
    public int blockSeconds = 60;
    /** Whether search calls also count in the general burst window (U). */
    public boolean searchCountsInBurstWindow = false;
    /** GET by id of a soft-deleted entity: true = 404, false = 200 with is_deleted true. */
    public boolean deletedGetIs404 = false;
    /** Soft-deleted persons/orgs/deals/activities/files are purged after this many days. */
    public int purgeAfterDays = 30;
    /** add_time and note user_id only from admin users. */
    public boolean addTimeAdminOnly = false;
    /** Seconds before a created/updated record becomes searchable. */
    public int searchIndexDelaySeconds = 0;
    /** Emit x-daily-requests-left and the unverified x-daily-ratelimit-token-* headers. */
    public boolean dailyHeaders = false;
    /** Accept ?api_token= in the query (no longer documented, reported working). */
    public boolean acceptQueryToken = true;
    /** Hour (UTC) of "server midnight" when daily budgets reset. */
    public int dailyResetHourUtc = 0;
}
