package io.atomicmigrate.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomicmigrate.common.events.EventKeys;
import io.atomicmigrate.common.events.EventType;
import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.PhaseCounts;
import org.junit.jupiter.api.Test;

class EventKeysTest {

    @Test
    void eachTopicIsKeyedAsTheDesignSays() {
        var samples = SampleEvents.all();
        assertThat(EventKeys.of(samples.get(EventType.MIGRATION_CREATED))).isEqualTo("mig-7f3a");
        assertThat(EventKeys.of(samples.get(EventType.PHASE_COMPLETED))).isEqualTo("mig-7f3a");
        assertThat(EventKeys.of(samples.get(EventType.RECORD_EXTRACTED))).isEqualTo("mig-7f3a/contacts/42");
        assertThat(EventKeys.of(samples.get(EventType.RECORD_REJECTED))).isEqualTo("mig-7f3a/contacts/43");
        assertThat(EventKeys.of(samples.get(EventType.RECORD_OUTCOME))).isEqualTo("mig-7f3a/contacts/42");
        assertThat(EventKeys.of(samples.get(EventType.RECORD_MAPPED))).isEqualTo("mig-7f3a/zoe@acme.com");
        assertThat(EventKeys.of(samples.get(EventType.RECONCILIATION_REPORT))).isEqualTo("mig-7f3a/run-1/PERSONS");
    }

    @Test
    void emailsThatDifferOnlyByCaseShareADedupKeySoTheyMeetOnOnePartition() {
        assertThat(EventKeys.dedup("m", "Ann@Acme.COM")).isEqualTo(EventKeys.dedup("m", "ann@acme.com"));
        assertThat(EventKeys.dedup("m1", "ann@acme.com")).isNotEqualTo(EventKeys.dedup("m2", "ann@acme.com"));
    }

    @Test
    void aKeyWithoutItsPartsIsRefused() {
        assertThatThrownBy(() -> EventKeys.sourceRow("m", "contacts", "")).hasMessageContaining("sourceId");
        assertThatThrownBy(() -> EventKeys.migration(null)).hasMessageContaining("migrationId");
    }

    @Test
    void phasesRunInDependencyOrder() {
        assertThat(Phase.ORGANIZATIONS.next()).isEqualTo(Phase.PERSONS);
        assertThat(Phase.DEALS.next()).isEqualTo(Phase.NOTES);
        assertThat(Phase.FILES.next()).isNull();
    }

    @Test
    void phaseInvariantsDetectUnbalancedCounts() {
        assertThat(new PhaseCounts(10, 8, 2, 5, 1, 1, 1, 0, 0).invariantHolds()).isTrue();
        assertThat(new PhaseCounts(10, 8, 1, 5, 1, 1, 1, 0, 0).extractionBalanced()).isFalse();
        assertThat(new PhaseCounts(10, 8, 2, 5, 1, 1, 0, 0, 0).loadBalanced()).isFalse();
    }
}
