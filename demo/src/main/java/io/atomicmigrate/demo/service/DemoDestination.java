package io.atomicmigrate.demo.service;

import io.atomicmigrate.sandbox.PipedriveSandbox;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import io.atomicmigrate.sandbox.config.UserSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The Pipedrive sandbox standing in for customers' Pipedrive accounts: one account per
 * migration, whose users are the CRM's sales people (their seats were provisioned, so owners
 * resolve by e-mail), on a plan with the real burst limit and daily token budget.
 */
public final class DemoDestination implements AutoCloseable {

    private final PipedriveSandbox sandbox;

    private DemoDestination(PipedriveSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Starts the sandbox (limits on, like Pipedrive) on a free port, or on {@code port} when not 0. */
    public static DemoDestination start(int port) {
        return new DemoDestination(PipedriveSandbox.start(SandboxConfig.defaults().port(port).limitsEnabled(true)));
    }

    /**
     * Creates a company account: the admin who will hold the API token, plus one user per sales person.
     *
     * @return the account with its API token (a fresh random value)
     */
    public Account createAccount(String domain, String plan, List<DemoSource.Sales> sales) {
        String token = HexFormat.of().formatHex(randomBytes(20));
        List<UserSpec> users = new ArrayList<>();
        users.add(UserSpec.admin("Migration admin", "migration-admin@" + domain + ".example", token));
        for (DemoSource.Sales s : sales) {
            users.add(UserSpec.regular(s.name(), s.email(), null));
        }
        sandbox.admin().createAccount(new AccountSpec(domain, domain + " Ltd", plan, users.size(), null, null, true, users));
        return new Account(domain, sandbox.baseUrl(), token);
    }

    public PipedriveSandbox sandbox() {
        return sandbox;
    }

    public String baseUrl() {
        return sandbox.baseUrl();
    }

    @Override
    public void close() {
        sandbox.close();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** A sandbox account; {@link #toString()} masks the token. */
    public record Account(String domain, String baseUrl, String apiToken) {
        @Override
        public String toString() {
            return "Account[" + domain + ", " + baseUrl + ", token ***]";
        }
    }
}
