package io.atomicmigrate.demo;

import io.atomicmigrate.demo.client.PlatformApi;
import io.atomicmigrate.demo.platform.Platform;
import io.atomicmigrate.demo.service.DemoDestination;
import io.atomicmigrate.demo.service.MigrationDriver;
import io.atomicmigrate.demo.service.ProgressDisplay;
import io.atomicmigrate.localstack.LocalPostgres;
import io.atomicmigrate.localstack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every end-to-end test shares, started once per test JVM: the local stack (a real Kafka
 * broker and a real Postgres), the Pipedrive sandbox (one account per migration), and the five
 * packaged services as separate processes on free ports. Stopped when the JVM exits.
 */
final class E2eEnvironment {

    private static E2eEnvironment shared;

    final LocalStack stack;
    final DemoDestination sandbox;
    final Platform platform;
    final PlatformApi api;

    private E2eEnvironment(LocalStack stack, DemoDestination sandbox, Platform platform) {
        this.stack = stack;
        this.sandbox = sandbox;
        this.platform = platform;
        this.api = new PlatformApi(platform.uri(Platform.Service.EXTRACTOR), platform.uri(Platform.Service.MAPPER),
                platform.uri(Platform.Service.LOADER), platform.uri(Platform.Service.RECONCILER));
    }

    static synchronized E2eEnvironment shared() {
        if (shared == null) {
            Path repository = Path.of(System.getProperty("demo.repository", ".."));
            LocalStack stack = LocalStack.shared();
            LocalPostgres pg = stack.postgres();
            DemoDestination sandbox = DemoDestination.start(0);
            Platform platform = Platform.start(repository, false, stack.kafka().bootstrapServers(),
                    new Platform.ControlDatabase(pg.jdbcUrl(LocalStack.CONTROL_DATABASE),
                            pg.reactiveUrl(LocalStack.CONTROL_DATABASE), pg.user(), pg.password()),
                    Map.of(), Path.of("target/e2e-logs"));
            shared = new E2eEnvironment(stack, sandbox, platform);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                platform.close();
                sandbox.close();
            }, "e2e-environment-stop"));
        }
        return shared;
    }

    LocalPostgres postgres() {
        return stack.postgres();
    }

    MigrationDriver driver() {
        return new MigrationDriver(api, new ProgressDisplay(System.out), Duration.ofMinutes(12), platform::checkAlive);
    }
}
