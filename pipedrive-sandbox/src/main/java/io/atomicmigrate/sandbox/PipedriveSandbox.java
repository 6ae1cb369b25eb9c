package io.atomicmigrate.sandbox;

import io.atomicmigrate.sandbox.admin.AdminRoutes;
import io.atomicmigrate.sandbox.admin.SandboxAdmin;
import io.atomicmigrate.sandbox.config.AccountSpec;
import io.atomicmigrate.sandbox.config.SandboxConfig;
import io.atomicmigrate.sandbox.repository.AccountRepository;
import io.atomicmigrate.sandbox.repository.SnapshotStore;
import io.atomicmigrate.sandbox.rest.ApiGateway;
import io.atomicmigrate.sandbox.rest.ApiRouter;
import io.atomicmigrate.sandbox.service.AccountService;
import io.atomicmigrate.sandbox.service.FaultInjector;
import io.atomicmigrate.sandbox.service.PurgeService;
import io.atomicmigrate.sandbox.service.RateLimitService;
import io.atomicmigrate.sandbox.service.RequestCounters;
import io.atomicmigrate.sandbox.service.SandboxClock;
import io.atomicmigrate.sandbox.service.TokenCostTable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running sandbox: an HTTP server serving the Pipedrive v1/v2 routes, {@code /__sandbox} admin
 * routes and {@code /q/health}. Start it in-process with {@link #start(SandboxConfig)} and close it
 * when done; it owns its own Vert.x instance so it never interferes with the host application's.
 */
public final class PipedriveSandbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PipedriveSandbox.class.getName());
    /** Uploads above this are refused (Pipedrive's limit is undocumented). */
    private static final long MAX_BODY_BYTES = 50L * 1024 * 1024;

    private final Vertx vertx;
    private final int port;
    private final SandboxAdmin admin;
    private final SnapshotStore snapshot;
    private final AccountRepository repository;
    private final String host;
    private final Path uploads;
    private final long purgeTimer;

    private PipedriveSandbox(Vertx vertx, int port, SandboxAdmin admin, SnapshotStore snapshot,
                             AccountRepository repository, String host, Path uploads, long purgeTimer) {
        this.vertx = vertx;
        this.port = port;
        this.admin = admin;
        this.snapshot = snapshot;
        this.repository = repository;
        this.host = host;
        this.uploads = uploads;
        this.purgeTimer = purgeTimer;
    }

    /** Starts a sandbox and blocks until it listens. Accounts of the config are created (or restored from the snapshot). */
    public static PipedriveSandbox start(SandboxConfig config) {
        TokenCostTable costs = TokenCostTable.load();
        SandboxClock clock = new SandboxClock();
        AccountRepository repository = new AccountRepository();
        AccountService accounts = new AccountService(repository, clock, config.seed, config.defaults);
        SnapshotStore snapshot = config.snapshotFile == null ? null : new SnapshotStore(Path.of(config.snapshotFile), config.seed);
        try {
            if (snapshot != null && snapshot.exists()) {
                snapshot.load(repository);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + config.snapshotFile, e);
        }
        for (AccountSpec spec : config.accounts) {
            if (repository.byDomain(spec.companyDomain()).isEmpty()) {
                accounts.create(spec);
            }
        }
        var behaviour = config.behaviour;
        RateLimitService limits = new RateLimitService(clock, behaviour);
        FaultInjector faults = new FaultInjector(config.seed);
        Map<Long, RequestCounters> counters = new ConcurrentHashMap<>();
        PurgeService purge = new PurgeService(repository, clock, behaviour);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1,
                config.eventLoops > 0 ? config.eventLoops : Runtime.getRuntime().availableProcessors())));
        Path uploads;
        try {
            uploads = Files.createTempDirectory("pipedrive-sandbox-uploads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port;
        try {
            port = resolvePort(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String host = config.host.equals("0.0.0.0") ? "127.0.0.1" : config.host;
        String baseUrl = "http://" + host + ":" + port;
        Runnable save = () -> {
            if (snapshot != null) {
                try {
                    snapshot.save(repository);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        SandboxAdmin admin = new SandboxAdmin(accounts, limits, faults, counters, clock, purge, save);
        ApiRouter.Services services = ApiRouter.Services.create(clock, behaviour, accounts);

        Router router = Router.router(vertx);
        // same probe paths as the Quarkus services, so deploy manifests and scripts treat it alike
        for (String probe : new String[]{"/q/health", "/q/health/live", "/q/health/ready"}) {
            router.get(probe).handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                    .end("{\"status\":\"UP\",\"checks\":[]}"));
        }
        router.route().handler(BodyHandler.create(uploads.toString()).setBodyLimit(MAX_BODY_BYTES)
                .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false));
        AdminRoutes.mount(router, admin, config.adminToken);
        ApiGateway gateway = new ApiGateway(vertx, accounts, costs, limits, faults, counters, clock, behaviour);
        ApiRouter.mount(router, gateway, services, baseUrl);

        try {
            listen(vertx, router, config, port);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("sandbox failed to listen on " + config.host + ":" + port, e);
        }
        long timer = vertx.setPeriodic(60_000, id -> purge.purgeAll());
        LOG.info(() -> "Pipedrive sandbox listening on " + baseUrl);
        return new PipedriveSandbox(vertx, port, admin, snapshot, repository, host, uploads, timer);
    }

    /** Port 0 means a free port, chosen up front because every server instance must bind the same one. */
    private static int resolvePort(SandboxConfig config) throws IOException {
        if (config.port != 0) {
            return config.port;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(config.host))) {
            return probe.getLocalPort();
        }
    }

    /**
     * One HTTP server per event loop on the same port (Vert.x balances connections between them), so
     * request parsing and JSON encoding use every core.
     */
    private static void listen(Vertx vertx, Router router, SandboxConfig config, int listenPort) throws Exception {
        int instances = Math.max(1, config.eventLoops > 0 ? config.eventLoops : Runtime.getRuntime().availableProcessors());
        vertx.deployVerticle(() -> new io.vertx.core.AbstractVerticle() {
                    @Override
                    public void start(io.vertx.core.Promise<Void> started) {
                        vertx.createHttpServer(new HttpServerOptions().setHost(config.host).setPort(listenPort)
                                        .setCompressionSupported(false).setTcpNoDelay(true))
                                .requestHandler(router).listen().<Void>mapEmpty().onComplete(started);
                    }
                }, new io.vertx.core.DeploymentOptions().setInstances(instances))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** e.g. {@code http://127.0.0.1:40123}; Pipedrive paths go below it: {@code baseUrl() + "/api/v2/persons"}. */
    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    public int port() {
        return port;
    }

    public SandboxAdmin admin() {
        return admin;
    }

    /** Stops the server, writing the snapshot first when one is configured. */
    @Override
    public void close() {
        vertx.cancelTimer(purgeTimer);
        if (snapshot != null) {
            try {
                snapshot.save(repository);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not write sandbox snapshot", e);
            }
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "sandbox did not stop cleanly", e);
        }
        try (var files = Files.walk(uploads)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp directory: best effort
        }
    }
}
