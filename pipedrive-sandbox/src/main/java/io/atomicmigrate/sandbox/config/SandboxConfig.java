package io.atomicmigrate.sandbox.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a sandbox instance needs to start. Readable from a JSON file (see README) and
 * buildable in code for in-process tests.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SandboxConfig {
    public String host = "127.0.0.1";
    /** 0 picks a free port (in-process tests). */
    public int port = 0;
    /** Token for the /__sandbox admin API (header x-admin-token or Authorization: Bearer). */
    public String adminToken = "sandbox-admin";
    /** Seed for the 40-hex custom-field keys and lead UUIDs, so runs are reproducible. */
    public long seed = 42;
    /** Optional JSON snapshot file: loaded on start when present, written on close and on demand. */
    public String snapshotFile;
    /** Event loops and HTTP server instances; 0 = one per core. */
    public int eventLoops = 0;
    public Behaviour behaviour = new Behaviour();
    /** Contents of every new account (unless the account says defaultContents: false). */
    public DefaultContents defaults = new DefaultContents();
    public List<AccountSpec> accounts = new ArrayList<>();

    public static SandboxConfig defaults() {
        return new SandboxConfig();
    }

    public SandboxConfig port(int port) {
        this.port = port;
        return this;
    }

    public SandboxConfig host(String host) {
        this.host = host;
        return this;
    }

    public SandboxConfig adminToken(String token) {
        this.adminToken = token;
        return this;
    }

    public SandboxConfig seed(long seed) {
        this.seed = seed;
        return this;
    }

    public SandboxConfig snapshotFile(String file) {
        this.snapshotFile = file;
        return this;
    }

    public SandboxConfig account(AccountSpec account) {
        this.accounts.add(account);
        return this;
    }

    public SandboxConfig limitsEnabled(boolean enabled) {
        this.behaviour.limitsEnabled = enabled;
        return this;
    }

    public SandboxConfig behaviour(java.util.function.Consumer<Behaviour> change) {
        change.accept(behaviour);
        return this;
    }
}
