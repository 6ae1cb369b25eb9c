package io.atomicmigrate.sandbox.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link SandboxConfig} for the standalone server from, in increasing precedence: a JSON
 * file ({@code --config} / {@code SANDBOX_CONFIG}), environment variables, command-line arguments.
 * Accounts in short form: {@code domain:plan:token[:oauthToken]}, several separated by ";" in env.
 */
public final class ConfigLoader {
    public static final String DEFAULT_DOMAIN = "sandbox";
    public static final String DEFAULT_TOKEN = "sandbox-token";
    public static final int DEFAULT_PORT = 8089;

    private ConfigLoader() {
    }

    public static SandboxConfig load(String[] args, Map<String, String> env) throws IOException {
        String file = env.get("SANDBOX_CONFIG");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                file = args[i + 1];
            }
        }
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        var tree = file == null ? mapper.createObjectNode() : mapper.readTree(Path.of(file).toFile());
        SandboxConfig c = mapper.treeToValue(tree, SandboxConfig.class);
        if (!tree.has("port")) {
            // standalone default; in-process configs default to 0 (a free port)
            c.port = DEFAULT_PORT;
        }
        if (env.containsKey("SANDBOX_PORT")) {
            c.port = Integer.parseInt(env.get("SANDBOX_PORT"));
        }
        if (env.containsKey("SANDBOX_HOST")) {
            c.host = env.get("SANDBOX_HOST");
        }
        if (env.containsKey("SANDBOX_ADMIN_TOKEN")) {
            c.adminToken = env.get("SANDBOX_ADMIN_TOKEN");
        }
        if (env.containsKey("SANDBOX_SNAPSHOT")) {
            c.snapshotFile = env.get("SANDBOX_SNAPSHOT");
        }
        if (env.containsKey("SANDBOX_ACCOUNTS")) {
            for (String a : env.get("SANDBOX_ACCOUNTS").split(";")) {
                if (!a.isBlank()) {
                    c.accounts.add(parseAccount(a.trim()));
                }
            }
        }
        if ("false".equalsIgnoreCase(env.get("SANDBOX_LIMITS"))) {
            c.behaviour.limitsEnabled = false;
        }
        for (int i = 0; i < args.length; i++) {
            String next = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> c.port = Integer.parseInt(next);
                case "--host" -> c.host = next;
                case "--admin-token" -> c.adminToken = next;
                case "--snapshot" -> c.snapshotFile = next;
                case "--account" -> c.accounts.add(parseAccount(next));
                case "--seed" -> c.seed = Long.parseLong(next);
                case "--no-limits" -> c.behaviour.limitsEnabled = false;
                default -> {
                    continue;
                }
            }
        }
        if (c.accounts.isEmpty()) {
            c.accounts.add(parseAccount(DEFAULT_DOMAIN + ":growth:" + DEFAULT_TOKEN));
        }
        return c;
    }

    /** {@code domain:plan:token[:oauthToken]}; the user is the account's admin creator. */
    public static AccountSpec parseAccount(String s) {
        String[] p = s.split(":");
        if (p.length < 3) {
            throw new IllegalArgumentException("account must be domain:plan:token[:oauthToken], got " + s);
        }
        List<UserSpec> users = new ArrayList<>();
        users.add(new UserSpec("Admin " + p[0], "admin@" + p[0] + ".example", true, p[2], p.length > 3 ? p[3] : null));
        return new AccountSpec(p[0], null, Plan.of(p[1]).name(), null, null, null, true, users);
    }
}
