package io.atomicmigrate.localstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real local Kafka broker and Postgres server:
 * {@code @QuarkusTestResource(LocalStackTestResource.class)} or
 * {@code @WithTestResource(LocalStackTestResource.class)}.
 *
 * <p>The broker and the server are started once per test JVM and shared by every test class
 * (starting them takes seconds); they stop when the JVM exits. Tests that need isolation
 * use their own database ({@link LocalPostgres#createDatabase}) or their own migration id.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return LocalStack.shared().quarkusConfig();
    }

    /** Deliberately keeps the shared stack running: the next test class uses it too. */
    @Override
    public void stop() {
    }
}
