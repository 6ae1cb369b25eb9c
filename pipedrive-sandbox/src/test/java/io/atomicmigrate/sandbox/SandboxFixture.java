package io.atomicmigrate.sandbox;

import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import io.atomicmigrate.sandbox.config.UserSpec;

import java.util.List;
import java.util.function.Consumer;

/** Standard test accounts: "acme" (Growth) with an admin and a regular user, "globex" (Lite). */
public final class SandboxFixture {
    public static final String ADMIN_TOKEN = "acme-admin-token";
    public static final String USER_TOKEN = "acme-user-token";
    public static final String OAUTH_TOKEN = "acme-oauth-token";
    public static final String OTHER_TOKEN = "globex-token";

    private SandboxFixture() {
    }

    public static SandboxConfig config() {
        return SandboxConfig.defaults()
                .account(new AccountSpec("acme", "Acme Ltd", "growth", 2, null, null, true, List.of(
                        new UserSpec("Ada Admin", "ada@acme.example", true, ADMIN_TOKEN, OAUTH_TOKEN),
                        new UserSpec("Uma User", "uma@acme.example", false, USER_TOKEN, null))))
                .account(AccountSpec.of("globex", "lite", UserSpec.admin("Gil", "gil@globex.example", OTHER_TOKEN)));
    }

    public static PipedriveSandbox start() {
        return PipedriveSandbox.start(config());
    }

    /** Limits lifted: entity tests should not trip over the burst window. */
    public static PipedriveSandbox startWithoutLimits(Consumer<SandboxConfig> change) {
        SandboxConfig c = config().limitsEnabled(false);
        change.accept(c);
        return PipedriveSandbox.start(c);
    }
}
