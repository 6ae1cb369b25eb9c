package io.atomicmigrate.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atomicmigrate.mapper.service.values.ConfigValues;
import io.atomicmigrate.mapper.service.values.EmailAddresses;
import io.atomicmigrate.mapper.service.values.NearestPipedriveColour;
import io.atomicmigrate.mapper.service.values.TextLimit;
import io.atomicmigrate.mapper.service.values.UtcTimestamps;
import org.junit.jupiter.api.Test;

/** The value rules the transforms rest on. */
class ValuesTest {

    @Test
    void timestampsInAnyOffsetBecomeUtc() {
        assertThat(UtcTimestamps.rfc3339(UtcTimestamps.parse("2026-03-01T09:30:00+02:00"))).isEqualTo("2026-03-01T07:30:00Z");
        assertThat(UtcTimestamps.rfc3339(UtcTimestamps.parse("2026-03-01 09:30:00.123456-05"))).isEqualTo("2026-03-01T14:30:00Z");
        assertThat(UtcTimestamps.v1(UtcTimestamps.parse("2026-12-31T23:30:00-01:00"))).isEqualTo("2027-01-01 00:30:00");
        assertThat(UtcTimestamps.utcDate(UtcTimestamps.parse("2026-06-01"))).isEqualTo("2026-06-01");
        assertThatThrownBy(() -> UtcTimestamps.parse("last tuesday")).hasMessage("'last tuesday' is not a timestamp");
    }

    @Test
    void emailsAreCanonicalAndInvalidOnesAreRecognised() {
        assertThat(EmailAddresses.canonical("  Zoe@Acme.COM ")).isEqualTo("zoe@acme.com");
        assertThat(EmailAddresses.isValid("zoe@acme.com")).isTrue();
        for (String bad : new String[] {"john.doe@", "jane at example.com", "bob@@acme.com", "a..b@acme.com", "x@acme"}) {
            assertThat(EmailAddresses.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void tagColoursGetTheNearestPipedriveColour() {
        assertThat(NearestPipedriveColour.of("#f9f9f9")).isEqualTo("gray");
        assertThat(NearestPipedriveColour.of("#fde2e4")).isIn("pink", "red");
        assertThat(NearestPipedriveColour.of("#99c1de")).isEqualTo("blue");
        assertThat(NearestPipedriveColour.of("#c5dedd")).isIn("green", "blue");
        assertThat(NearestPipedriveColour.of("#ff0000")).isEqualTo("red");
        assertThatThrownBy(() -> NearestPipedriveColour.of("teal")).hasMessageContaining("not a hex colour");
    }

    @Test
    void slugsAndTruncationFollowTheSourceRules() {
        assertThat(ConfigValues.toSlug("Thank you")).isEqualTo("thank-you");
        assertThat(ConfigValues.toSlug("Café Öl")).isEqualTo("caf-l");
        String emoji = "ab😀cd";
        assertThat(TextLimit.truncate(emoji, 3)).isEqualTo("ab😀");
        assertThat(TextLimit.length(emoji)).isEqualTo(5);
    }
}
