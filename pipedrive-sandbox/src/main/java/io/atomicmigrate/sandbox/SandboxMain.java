package io.atomicmigrate.sandbox;

import io.atomicmigrate.sandbox.config.ConfigLoader;
import io.atomicmigrate.sandbox.config.SandboxConfig;

import java.util.concurrent.CountDownLatch;

/**
 * Standalone entry point: {@code java -jar pipedrive-sandbox/target/pipedrive-sandbox-runner.jar
 * [--port 8089] [--account acme:growth:token] [--config sandbox.json] [--snapshot state.json]}.
 * See the module README for every option.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        SandboxConfig config = ConfigLoader.load(args, System.getenv());
        PipedriveSandbox sandbox = PipedriveSandbox.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Pipedrive sandbox on " + sandbox.baseUrl() + " (admin API " + sandbox.baseUrl() + "/__sandbox, health /q/health)");
        sandbox.admin().accounts().forEach(a -> System.out.println("  account " + a.path("company_domain").asText()
                + " plan " + a.path("plan").asText() + " users " + a.path("users")));
        stopped.await();
    }
}
