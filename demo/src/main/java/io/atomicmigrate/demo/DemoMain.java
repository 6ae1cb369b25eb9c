package io.atomicmigrate.demo;

import io.atomicmigrate.demo.client.MigrationRequest;
import io.atomicmigrate.demo.client.PlatformApi;
import io.atomicmigrate.demo.platform.Platform;
import io.atomicmigrate.demo.service.DemoDestination;
import io.atomicmigrate.demo.service.DemoSource;
import io.atomicmigrate.demo.service.MigrationDriver;
import io.atomicmigrate.demo.service.ProgressDisplay;
import io.atomicmigrate.demo.service.SummaryPrinter;
import io.atomicmigrate.localstack.LocalStack;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one command (the README's "main job"): a whole migration on one machine. Embedded Kafka
 * and Postgres, the five services as processes, and either a generated Atomic CRM database into
 * the Pipedrive sandbox (the default) or a real Supabase database into a real Pipedrive account.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a whole Atomic CRM -> Pipedrive migration on this machine and prints the reconciliation "
                + "and verification summary.",
                "Without --source-url it generates an Atomic CRM database; without --pipedrive-domain it migrates "
                        + "into the Pipedrive sandbox."})
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--auto-approve", description = "Approve the proposed map and confirm the sample run without a "
            + "person (printed as such). Without it the demo waits for you on the review page and the confirm call.")
    boolean autoApprove;

    @Option(names = "--scale", defaultValue = "1.0",
            description = "Size of the generated database; 1.0 = upstream's demo volumes (2,518 records). Default ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated database. Default ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--source-url", description = "A real Atomic CRM database: postgresql://host:port/database "
            + "(password from the environment variable SOURCE_DB_PASSWORD).")
    String sourceUrl;

    @Option(names = "--source-user", defaultValue = "postgres", description = "Role for --source-url. Default ${DEFAULT-VALUE}.")
    String sourceUser;

    @Option(names = "--pipedrive-domain", description = "A real Pipedrive account: its company domain (acme for "
            + "acme.pipedrive.com); the API token from the environment variable PIPEDRIVE_API_TOKEN.")
    String pipedriveDomain;

    @Option(names = "--sandbox-plan", defaultValue = "premium",
            description = "Plan of the sandbox account (burst limit and daily budget as Pipedrive's). Default ${DEFAULT-VALUE}.")
    String sandboxPlan;

    @Option(names = "--keep-running", description = "Keep the services and the dashboard up after the summary, until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up after this long (ISO-8601). Default ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--repository", description = "The repository root (where the services' target/quarkus-app are). "
            + "Default: the current directory.")
    Path repository;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repo = repository != null ? repository : Path.of(System.getProperty("demo.repository", "."));
        String pipedriveToken = System.getenv("PIPEDRIVE_API_TOKEN");
        if (pipedriveDomain != null && (pipedriveToken == null || pipedriveToken.isBlank())) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--pipedrive-domain needs the API token in the environment variable PIPEDRIVE_API_TOKEN");
        }
        out.println("Starting the local stack: Kafka (KRaft, in-process) and Postgres (embedded) ...");
        LocalStack stack = LocalStack.shared();
        var pg = stack.postgres();

        DemoSource generated = null;
        if (sourceUrl == null) {
            out.printf("Generating an Atomic CRM database (scale %.2f, custom columns, customised configuration) ...%n", scale);
            generated = DemoSource.generate(pg, "atomic_crm_demo", scale, seed);
            out.println("  " + generated.report().totalCrmRows() + " rows: " + generated.report().rowCounts());
        }
        DemoDestination sandbox = null;
        MigrationRequest request;
        Map<Platform.Service, Map<String, String>> extra = Map.of();
        if (pipedriveDomain == null) {
            sandbox = DemoDestination.start(8089);
            var account = sandbox.createAccount("acme", sandboxPlan,
                    generated != null ? generated.sales() : java.util.List.of());
            out.println("Pipedrive sandbox at " + sandbox.baseUrl() + ", account " + account.domain() + " (plan "
                    + sandboxPlan + ", the CRM's sales people as users)");
            pipedriveToken = account.apiToken();
            request = new MigrationRequest("Atomic CRM demo", source(generated), sourceUser(generated),
                    sourcePassword(generated), account.baseUrl(), null, pipedriveToken, null);
        } else {
            out.println("Destination: the real Pipedrive account " + pipedriveDomain + ".pipedrive.com");
            request = new MigrationRequest("Atomic CRM to " + pipedriveDomain, source(generated), sourceUser(generated),
                    sourcePassword(generated), null, pipedriveDomain, pipedriveToken, null);
        }

        out.println("Starting the five services as processes (logs in target/demo-logs) ...");
        Path logs = repo.resolve("demo/target/demo-logs");
        try (Platform platform = Platform.start(repo, true, stack.kafka().bootstrapServers(),
                new Platform.ControlDatabase(pg.jdbcUrl(LocalStack.CONTROL_DATABASE), pg.reactiveUrl(LocalStack.CONTROL_DATABASE),
                        pg.user(), pg.password()), extra, logs);
             DemoDestination closeSandbox = sandbox) {
            // Ctrl-C (or a SIGTERM) stops the services too, not only a normal end
            Thread stopOnSignal = new Thread(platform::close, "demo-stop-services");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            for (Platform.Service s : Platform.Service.values()) {
                out.println("  " + s.module() + " " + platform.uri(s));
            }
            PlatformApi api = new PlatformApi(platform.uri(Platform.Service.EXTRACTOR), platform.uri(Platform.Service.MAPPER),
                    platform.uri(Platform.Service.LOADER), platform.uri(Platform.Service.RECONCILER));
            MigrationDriver driver = new MigrationDriver(api, new ProgressDisplay(out), timeout, platform::checkAlive);
            if (autoApprove) {
                out.println("--auto-approve: the map and the sample run will be approved WITHOUT a person looking at them.");
            }
            MigrationDriver.Result result = driver.run(request, autoApprove, autoApprove);
            String dashboard = platform.uri(Platform.Service.RECONCILER) + "/dashboard";
            SummaryPrinter.print(out, result, dashboard);
            boolean ok = result.verification().path("complete").asBoolean();
            if (keepRunning) {
                out.println("Services keep running (Ctrl-C stops them). Dashboard: " + dashboard);
                Thread.currentThread().join();
            }
            return ok ? 0 : 2;
        }
    }

    private String source(DemoSource generated) {
        return generated != null ? generated.url() : sourceUrl;
    }

    private String sourceUser(DemoSource generated) {
        return generated != null ? generated.user() : sourceUser;
    }

    private static String sourcePassword(DemoSource generated) {
        return generated != null ? generated.password() : System.getenv("SOURCE_DB_PASSWORD");
    }
}
