package io.atomicmigrate.sandbox.service;

import io.atomicmigrate.sandbox.repository.Account;

/** Who is calling: the token's account and user. */
public record Caller(Account account, long userId, boolean admin, boolean oauth, String token) {
}
