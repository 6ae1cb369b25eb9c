package io.atomicmigrate.reconciler.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.payload.RunStarted.RunKind;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Run ids: readable, never shared by two migrations, and the same for the same derived start. */
class RunIdsTest {

    @Test
    void anIdSaysWhoseRunItIsAndWhatKind() {
        String id = RunIds.random("mig-3f2a9c1e-77d2-4c1b-9a0e-5b1c0a7d9e2f", RunKind.SAMPLE);
        assertThat(id).matches("mig-3f2a9c1e-sample-[0-9a-f]{12}");
        assertThat(RunIds.random("Acme / EU prod!", RunKind.DELTA)).matches("acme-eu-prod-delta-[0-9a-f]{12}");
        assertThat(RunIds.random("---", RunKind.RETRY)).matches("run-retry-[0-9a-f]{12}");
    }

    @Test
    void twoMigrationsNeverGetTheSameIdEvenFromTheSameStartingEvent() {
        String sameEvent = UUID.randomUUID().toString();
        // same readable prefix on purpose: the suffix alone must keep them apart
        String a = RunIds.derived("mig-00000000-aaaa", RunKind.SAMPLE, sameEvent);
        String b = RunIds.derived("mig-00000000-bbbb", RunKind.SAMPLE, sameEvent);
        assertThat(a).isNotEqualTo(b);
        assertThat(RunIds.derived("mig-00000000-aaaa", RunKind.SAMPLE, sameEvent)).as("derived ids repeat").isEqualTo(a);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RunIds.random("mig-00000000-" + (i % 2), RunKind.PRODUCTION));
        }
        assertThat(ids).hasSize(10_000);
    }
}
