package io.atomicmigrate.extractor.service.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.fixture.AppTsxWriter;
import org.junit.jupiter.api.Test;

class ConfigResolverTest {

    private final ConfigResolver resolver = new ConfigResolver();

    @Test
    void aNonEmptyRowWinsKeyByKeyOverTheDefaultsAndTheAppTsxIsIgnored() throws Exception {
        var config = resolver.resolve(Json.mapper().readTree("""
                {"currency": "EUR", "dealStages": [{"value": "lead", "label": "Lead"}]}"""), AppTsxWriter.render());
        assertThat(config.sources()).containsEntry("currency", "DATABASE").containsEntry("dealStages", "DATABASE")
                .containsEntry("taskTypes", "DEFAULT").containsEntry("title", "DEFAULT");
        assertThat(config.effective().get("currency").asText()).isEqualTo("EUR");
        assertThat(config.values("dealStages")).containsExactly("lead");
        assertThat(config.values("taskTypes")).contains("none", "thank-you");
        assertThat(config.warnings()).anyMatch(w -> w.contains("ignores the App.tsx"));
    }

    @Test
    void anEmptyRowOrNoRowFallsBackToAppTsxThenDefaults() throws Exception {
        var config = resolver.resolve(Json.mapper().readTree("{}"), AppTsxWriter.render());
        assertThat(config.sources()).containsEntry("dealStages", "APP_TSX").containsEntry("currency", "APP_TSX")
                .containsEntry("lightModeLogo", "DEFAULT").containsEntry("darkModeLogo", "DEFAULT");
        // legacy string items become {value: label, label}
        assertThat(config.values("dealCategories")).containsExactly("Consulting", "Licences", "Hardware");
        var defaults = resolver.resolve(null, null);
        assertThat(defaults.sources().values()).containsOnly("DEFAULT");
        assertThat(defaults.values("dealStages")).contains("in-negociation");
        assertThat(defaults.effective().get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void aMalformedKeyIsAWarningAndFallsBackToItsDefault() throws Exception {
        var config = resolver.resolve(Json.mapper().readTree("""
                {"dealStages": "lead,won", "currency": "euro", "title": "Nordlicht",
                 "companySectors": [{"label": "Café Öl"}]}"""), null);
        assertThat(config.sources()).containsEntry("dealStages", "DEFAULT").containsEntry("currency", "DEFAULT")
                .containsEntry("title", "DATABASE").containsEntry("companySectors", "DATABASE");
        assertThat(config.values("companySectors")).containsExactly("caf-l");
        assertThat(config.warnings()).anyMatch(w -> w.contains("dealStages is not an array"))
                .anyMatch(w -> w.contains("currency is not an ISO 4217 code"));
    }
}
