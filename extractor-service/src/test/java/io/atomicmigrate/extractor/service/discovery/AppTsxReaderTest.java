package io.atomicmigrate.extractor.service.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.fixture.AppTsxWriter;
import org.junit.jupiter.api.Test;

class AppTsxReaderTest {

    private final AppTsxReader reader = new AppTsxReader();

    @Test
    void readsEveryShapeOfTheFixturesAppTsx() throws Exception {
        AppTsxReader.Result r = reader.read(AppTsxWriter.render());
        assertThat(r.crmElementFound()).isTrue();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.props()).containsOnlyKeys("title", "currency", "dealStages", "companySectors", "dealCategories",
                "dealPipelineStatuses", "taskTypes", "noteStatuses");
        assertThat(r.props().get("title").asText()).isEqualTo("Acme CRM");
        assertThat(r.props().get("currency").asText()).isEqualTo("EUR");
        // const with a spread of another const, single and double quotes, trailing commas
        assertThat(values(r.props().get("dealStages"))).containsExactly("lead", "demo", "negotiation", "won", "lost");
        assertThat(r.props().get("dealStages").get(2).get("label").asText()).isEqualTo("Negotiation");
        assertThat(values(r.props().get("companySectors"))).containsExactly("saas", "manufacturing", "healthcare",
                "education", "government");
        assertThat(r.props().get("dealCategories")).isEqualTo(json("[\"Consulting\", \"Licences\", \"Hardware\"]"));
        assertThat(r.props().get("dealPipelineStatuses")).isEqualTo(json("[\"won\"]"));
        assertThat(values(r.props().get("taskTypes"))).containsExactly("call", "email", "visit", "follow-up");
        assertThat(r.props().get("noteStatuses").get(3)).isEqualTo(
                json("{\"value\":\"signed\",\"label\":\"Signed\",\"color\":\"#a4e87d\"}"));
    }

    @Test
    void readsTheExampleOfTheSourceSheetAndNamesTheImportedConstItCannotSee() {
        String tsx = """
                import { CRM } from "@/components/atomic-crm/root/CRM";
                import { sectors } from "./crmSettings";          // imported const

                const stages = [
                  { value: "lead", label: "Lead" },
                  { value: 'won', label: 'Won' },
                  { value: "lost", label: "Lost" },                // trailing comma
                ];

                const App = () => (
                  <CRM
                    title="Acme CRM"
                    currency="EUR"
                    dealStages={stages}                            // local const
                    companySectors={sectors}
                    dealCategories={["Consulting", "Licences"]}    // legacy string form
                    dealPipelineStatuses={['won']}
                    noteStatuses={[{ value: "cold", label: "Cold", color: "#7dbde8" }]}
                  />
                );
                export default App;
                """;
        AppTsxReader.Result r = reader.read(tsx);
        assertThat(r.props()).containsOnlyKeys("title", "currency", "dealStages", "dealCategories",
                "dealPipelineStatuses", "noteStatuses");
        assertThat(values(r.props().get("dealStages"))).containsExactly("lead", "won", "lost");
        assertThat(r.warnings()).singleElement().asString()
                .contains("prop companySectors").contains("'sectors'").contains("./crmSettings");
    }

    @Test
    void anUnreadablePropIsAWarningNamingItAndTheOthersAreStillRead() {
        String tsx = """
                const base = [{ value: "a", label: "A" }];
                export const App = () => <CRM
                    dealStages={base.map(s => ({ ...s, label: s.label.toUpperCase() }))}
                    taskTypes={[...base, { value: `b`, label: "B" }, ]}
                    title={`Hello ${name}`}
                    lightTheme={myTheme}
                    darkModeLogo={"./dark.svg"}
                    dealCategories={defaultDealCategories}
                />;
                """;
        AppTsxReader.Result r = reader.read(tsx);
        assertThat(r.props()).containsOnlyKeys("taskTypes", "darkModeLogo", "dealCategories");
        assertThat(values(r.props().get("taskTypes"))).containsExactly("a", "b");
        assertThat(values(r.props().get("dealCategories"))).contains("other", "print-project");
        assertThat(r.warnings()).hasSize(2);
        assertThat(r.warnings().get(0)).startsWith("prop dealStages could not be read").contains("line 3");
        assertThat(r.warnings().get(1)).startsWith("prop title could not be read").contains("${");
    }

    @Test
    void noCrmElementAndNoPropsAreToldApart() {
        assertThat(reader.read("export default function App() { return <div/>; }").warnings())
                .singleElement().asString().contains("no <CRM> element");
        AppTsxReader.Result none = reader.read("const App = () => <CRM />;");
        assertThat(none.crmElementFound()).isTrue();
        assertThat(none.props()).isEmpty();
        assertThat(none.warnings()).isEmpty();
    }

    private static java.util.List<String> values(JsonNode items) {
        java.util.List<String> v = new java.util.ArrayList<>();
        items.forEach(i -> v.add(i.get("value").asText()));
        return v;
    }

    private static JsonNode json(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
