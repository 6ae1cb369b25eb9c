package io.atomicmigrate.extractor.service;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.MigrationCreated;
import io.atomicmigrate.extractor.messaging.LifecycleEventPublisher;
import io.atomicmigrate.extractor.repository.MigrationRepository;
import io.atomicmigrate.extractor.rest.CreateMigrationRequest;
import io.atomicmigrate.extractor.service.source.ConnectionChecker;
import io.atomicmigrate.extractor.service.source.DestinationEndpoint;
import io.atomicmigrate.extractor.service.source.SourceEndpoint;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Registers migrations: checks (on request), encrypts credentials, stores, then announces them. */
@ApplicationScoped
public class MigrationService {

    private final MigrationRepository repository;
    private final LifecycleEventPublisher events;
    private final CredentialCipher cipher;
    private final ConnectionChecker checker;

    public MigrationService(MigrationRepository repository, LifecycleEventPublisher events, CredentialCipher cipher,
                            ConnectionChecker checker) {
        this.repository = repository;
        this.events = events;
        this.cipher = cipher;
        this.checker = checker;
    }

    public Uni<Migration> create(CreateMigrationRequest request) {
        var dst = request.destination();
        SourceEndpoint source = sourceOf(request.source());
        Map<String, String> options = options(request.options());
        var storage = request.storage();
        Secret token = dst.apiToken();
        boolean anySecret = Secret.present(source.password()) || Secret.present(request.source().serviceRoleKey())
                || Secret.present(token) || storage != null && Secret.present(storage.serviceKey());
        if (anySecret && !cipher.hasKey()) {
            return Uni.createFrom().failure(new ProblemException(503, "CREDENTIAL_KEY_MISSING",
                    "this extractor has no credential key (EXTRACTOR_SECRETS_KEY), so it refuses to store credentials"));
        }
        Migration draft = new Migration("mig-" + UUID.randomUUID(), request.name().strip(), source.host(),
                source.port(), source.database(), source.user(), source.sslMode(), false, false,
                blankToNull(dst.companyDomain()), blankToNull(dst.baseUrl()), false,
                storage == null ? null : storage.url(), false, request.appTsx() != null, options, null);
        Uni<Void> precheck = Uni.createFrom().voidItem();
        if ("true".equalsIgnoreCase(options.get("checkConnections"))) {
            DestinationEndpoint destination = new DestinationEndpoint(draft.pipedriveBaseUrl(), token);
            precheck = Uni.createFrom().item(() -> checker.check(source, destination))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .invoke(report -> {
                        if (!report.ok()) {
                            var first = report.problems().get(0);
                            throw new ProblemException(422, first.code(), first.message());
                        }
                    }).replaceWithVoid();
        }
        String id = draft.id();
        MigrationSecrets secrets = new MigrationSecrets(
                cipher.encrypt(source.password(), id, MigrationSecrets.SOURCE_PASSWORD),
                cipher.encrypt(request.source().serviceRoleKey(), id, MigrationSecrets.SERVICE_ROLE_KEY),
                cipher.encrypt(token, id, MigrationSecrets.DESTINATION_TOKEN),
                storage == null ? null : cipher.encrypt(storage.serviceKey(), id, MigrationSecrets.STORAGE_KEY));
        // Stored first, announced second: a consumer that sees the event can always find the row.
        return precheck.chain(() -> repository.insert(draft, secrets, request.appTsx()))
                .call(saved -> events.publish(EventEnvelope.of(saved.id(), new MigrationCreated(saved.name(),
                        new MigrationCreated.SourceRef(saved.sourceHost(), saved.sourcePort(), saved.sourceDatabase(),
                                saved.sourceUser(), saved.storageUrl() != null),
                        new MigrationCreated.DestinationRef(saved.destinationDomain(), saved.destinationBaseUrl()),
                        saved.options()))));
    }

    public Uni<Migration> find(String id) {
        return repository.find(id);
    }

    /** The migration, or a 404 problem. */
    public Uni<Migration> require(String id) {
        return repository.find(id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("no migration " + id));
    }

    /** Where and how to read the migration's source, with the password decrypted. */
    public Uni<SourceEndpoint> source(String id) {
        return require(id).chain(m -> repository.findSecrets(id).map(s -> new SourceEndpoint(m.sourceHost(),
                m.sourcePort(), m.sourceDatabase(), m.sourceUser(),
                cipher.decryptIfPresent(s.sourcePassword(), id, MigrationSecrets.SOURCE_PASSWORD), m.sourceSslMode())));
    }

    public Uni<DestinationEndpoint> destination(String id) {
        return require(id).chain(m -> repository.findSecrets(id).map(s -> new DestinationEndpoint(m.pipedriveBaseUrl(),
                cipher.decryptIfPresent(s.destinationToken(), id, MigrationSecrets.DESTINATION_TOKEN))));
    }

    public Uni<ConnectionChecker.CheckReport> check(String id) {
        return source(id).chain(src -> destination(id).chain(dst -> Uni.createFrom()
                .item(() -> checker.check(src, dst)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())));
    }

    public Uni<Void> uploadAppTsx(String id, String text) {
        if (text == null || text.isBlank()) {
            return Uni.createFrom().failure(ProblemException.badRequest("APP_TSX_EMPTY", "the App.tsx body is empty"));
        }
        return repository.updateAppTsx(id, text).invoke(found -> {
            if (!found) {
                throw ProblemException.notFound("no migration " + id);
            }
        }).replaceWithVoid();
    }

    public Uni<String> appTsx(String id) {
        return repository.findAppTsx(id);
    }

    /** Source fields win over the parts of {@code source.url}; the URL's password becomes a secret. */
    static SourceEndpoint sourceOf(CreateMigrationRequest.Source s) {
        String host = blankToNull(s.host());
        Integer port = s.port();
        String database = blankToNull(s.database());
        String user = blankToNull(s.user());
        Secret password = s.password();
        String sslMode = s.sslMode();
        if (s.hasUrl()) {
            URI uri;
            try {
                uri = URI.create(s.url().strip().replaceFirst("^postgres(ql)?://", "postgresql://"));
            } catch (IllegalArgumentException e) {
                // never echo the URL: it may carry the password
                throw ProblemException.badRequest("SOURCE_URL_INVALID",
                        "source.url is not a valid URL; expected postgresql://user:password@host:5432/database");
            }
            if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
                throw ProblemException.badRequest("SOURCE_URL_INVALID",
                        "source.url must look like postgresql://user:password@host:5432/database");
            }
            if (uri.getPort() > 65535) {
                throw ProblemException.badRequest("SOURCE_URL_INVALID", "source.port must be between 1 and 65535");
            }
            host = host != null ? host : uri.getHost();
            port = port != null ? port : uri.getPort() > 0 ? uri.getPort() : null;
            if (database == null && uri.getPath() != null && uri.getPath().length() > 1) {
                database = decode(uri.getPath().substring(1));
            }
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = user != null ? user : decode(colon < 0 ? info : info.substring(0, colon));
                if (!Secret.present(password) && colon >= 0) {
                    password = Secret.of(decode(info.substring(colon + 1)));
                }
            }
            String query = uri.getRawQuery();
            if (sslMode == null && query != null) {
                for (String kv : query.split("&")) {
                    if (kv.startsWith("sslmode=")) {
                        sslMode = decode(kv.substring("sslmode=".length()));
                    }
                }
            }
            if (database == null) {
                throw ProblemException.badRequest("SOURCE_URL_INVALID", "source.url names no database");
            }
        }
        return new SourceEndpoint(host.strip(), port == null ? 5432 : port, database.strip(), user, password, sslMode);
    }

    private static Map<String, String> options(Map<String, String> given) {
        Map<String, String> options = new LinkedHashMap<>();
        if (given != null) {
            given.forEach((k, v) -> {
                if (k != null && v != null) {
                    options.put(k, v);
                }
            });
        }
        String sample = options.get("sampleSize");
        if (sample != null) {
            try {
                if (Integer.parseInt(sample.strip()) < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("OPTION_INVALID", "options.sampleSize must be a positive integer, not '"
                        + sample + "'");
            }
        }
        return options;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
