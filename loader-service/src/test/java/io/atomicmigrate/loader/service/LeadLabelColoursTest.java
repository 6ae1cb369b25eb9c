package io.atomicmigrate.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tag's colour → one of the ten lead-label colours Pipedrive accepts. */
class LeadLabelColoursTest {

    @Test
    void theAtomicCrmPaletteLandsOnItsNearestAllowedColour() {
        Map<String, String> expected = new LinkedHashMap<>();
        // ATOMIC_CRM.md §5.4, in order; the same answers as the mapper's NEAREST_COLOUR line
        expected.put("#eddcd2", "orange");
        expected.put("#fff1e6", "orange");
        expected.put("#fde2e4", "red");
        expected.put("#fad2e1", "red");
        expected.put("#c5dedd", "blue");
        expected.put("#dbe7e4", "blue");
        expected.put("#f0efeb", "gray");
        expected.put("#d6e2e9", "blue");
        expected.put("#bcd4e6", "blue");
        expected.put("#99c1de", "blue");
        expected.put("#f9f9f9", "gray"); // CSV-import tags
        expected.forEach((hex, colour) -> assertThat(LeadLabelColours.of(hex)).as(hex).isEqualTo(colour));
        assertThat(LeadLabelColours.of("#0A0")).isEqualTo("green");
        assertThat(LeadLabelColours.of("#333333")).isEqualTo("dark-gray");
    }

    @Test
    void aNameTheMapperChoseIsKeptAndAnythingElseIsGray() {
        assertThat(LeadLabelColours.ALLOWED).hasSize(10);
        LeadLabelColours.ALLOWED.forEach(c -> assertThat(LeadLabelColours.of(c.toUpperCase())).isEqualTo(c));
        assertThat(LeadLabelColours.of("dark-gray")).isEqualTo("dark-gray");
        assertThat(LeadLabelColours.of("teal")).isEqualTo("gray");
        assertThat(LeadLabelColours.of("#12345")).isEqualTo("gray");
        assertThat(LeadLabelColours.of(null)).isEqualTo("gray");
    }
}
