package io.atomicmigrate.sandbox.rest;

/** Which Pipedrive API a request came in on; decides envelopes, error bodies and cost table. */
public enum ApiVersion {
    V1(1), V2(2);

    public final int number;

    ApiVersion(int number) {
        this.number = number;
    }
}
