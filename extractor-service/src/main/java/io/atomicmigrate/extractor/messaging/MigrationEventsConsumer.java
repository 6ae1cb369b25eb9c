package io.atomicmigrate.extractor.messaging;

import io.atomicmigrate.common.events.EventEnvelope;
import io.atomicmigrate.common.events.payload.PhaseStarted;
import io.atomicmigrate.common.events.payload.RunStarted;
import io.atomicmigrate.common.json.EventCodec;
import io.atomicmigrate.extractor.repository.RunRepository;
import io.atomicmigrate.extractor.service.extraction.ExtractionService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Listens to the lifecycle topic for what concerns the extractor: {@code run.started} (kind and
 * sample size of a run) and {@code phase.started} (stream that phase). Messages are handled one
 * at a time and acknowledged when done; other event types are skipped. A message that cannot be
 * decoded is logged and skipped, not retried forever.
 */
@ApplicationScoped
public class MigrationEventsConsumer {

    private static final Logger LOG = Logger.getLogger(MigrationEventsConsumer.class);

    private final ExtractionService extraction;
    private final EventCodec codec = new EventCodec();

    public MigrationEventsConsumer(ExtractionService extraction) {
        this.extraction = extraction;
    }

    @Incoming("migration-events-in")
    public Uni<Void> consume(byte[] message) {
        EventEnvelope<?> event;
        try {
            event = codec.decode(message);
        } catch (EventCodec.EventCodecException e) {
            LOG.warnf("skipping an undecodable lifecycle message: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.payload() instanceof RunStarted run) {
            if (event.runId() == null) {
                LOG.warnf("run.started %s has no runId; ignored", event.id());
                return Uni.createFrom().voidItem();
            }
            return extraction.runStarted(new RunRepository.Run(event.runId(), event.migrationId(), run.kind(),
                    run.sampleSize(), run.phases() == null ? java.util.List.of()
                    : run.phases().stream().map(Enum::name).toList()));
        }
        if (event.payload() instanceof PhaseStarted) {
            if (event.runId() == null || event.phase() == null) {
                LOG.warnf("phase.started %s lacks runId or phase; ignored", event.id());
                return Uni.createFrom().voidItem();
            }
            return extraction.extractPhase(event.migrationId(), event.runId(), event.phase())
                    .onFailure().invoke(e -> LOG.errorf("phase %s of run %s: %s", event.phase(), event.runId(),
                            e.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
