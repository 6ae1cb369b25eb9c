package io.atomicmigrate.reconciler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.atomicmigrate.common.events.Phase;
import io.atomicmigrate.common.events.payload.RecordOutcome.Outcome;
import io.atomicmigrate.localstack.HeadlessChromium;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.reconciler.Pipeline;
import io.atomicmigrate.reconciler.TopicIo;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromium-driver): a run's phase
 * with its counts, progress and reasons; live updates over server-sent events without a reload;
 * a person confirms the sample from the page and the production run appears.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class DashboardBrowserTest {

    static HeadlessChromium chromium;
    static WebDriver browser;

    @TestHTTPResource("/dashboard")
    URL page;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start("the dashboard test");
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aPersonWatchesAPhaseReconcileLiveAndConfirmsTheSample() {
        String m = "mig-dashboard-" + UUID.randomUUID();
        TopicIo.publish(Pipeline.mapApproved(m, 1));
        String runId = RunConductingTest.startRun(m, "SAMPLE", List.of("ORGANIZATIONS"));
        Pipeline run = new Pipeline(m, runId);
        TopicIo.publish(run.extracted(Phase.ORGANIZATIONS, "companies", "1", Pipeline.row("1", "Acme")),
                run.extracted(Phase.ORGANIZATIONS, "companies", "2", Pipeline.row("2", "")),
                run.extracted(Phase.ORGANIZATIONS, "companies", "3", Pipeline.row("3", "Left out")),
                run.skipped(Phase.ORGANIZATIONS, "companies", "3", "organization",
                        "the approved map version 1 leaves table 'companies' out (destination none)"),
                run.mapped(Phase.ORGANIZATIONS, "companies", "1", "organization"),
                run.rejected(Phase.ORGANIZATIONS, "companies", "2", "EMPTY_NAME", "an organization needs a name",
                        Pipeline.row("2", "")),
                run.outcome(Phase.ORGANIZATIONS, "companies", "1", "organization", Outcome.CREATED));

        browser.get(page.toString());
        String row = "tr.phase[data-run='" + runId + "'][data-phase='ORGANIZATIONS']";
        // the four record topics arrive in any order: wait for all of them
        awaitText(row + " .counts", "extracted 3 · mapped 1 · rejected 1 · skipped 1 · created 1");
        assertThat(text(row + " .counts")).contains("deleted 0 · failed 0");
        assertThat(text(row + " .rejected")).contains("EMPTY_NAME: 1");
        assertThat(browser.findElement(By.cssSelector(row)).getDomAttribute("data-state")).isEqualTo("RUNNING");
        String section = "section[data-migration='" + m + "']";
        assertThat(text(section + " .verification")).isEqualTo("not verified yet");
        assertThat(text(section)).contains("rate budget: not published by the loader");

        // the loader reports the account paused after a 429: the page shows it without a reload
        TopicIo.publish(BudgetStateTest.budget(m, java.time.Instant.now(), new io.atomicmigrate.common.events.payload
                .BudgetState(14, 80, 2000, 37, 30000L, 1250, 28750L, 3, java.time.Instant.now().plusSeconds(600),
                "RATE_LIMITED", 1)));
        awaitText(section + " .budget", "28750 tokens left of 30000 today");
        assertThat(text(section + " .budget")).contains("3 waiting").contains("paused until").contains("(RATE_LIMITED)");

        // the extractor's count arrives: the page follows without a reload
        TopicIo.publish(run.phaseExtracted(Phase.ORGANIZATIONS, "companies", 3));
        wait(Duration.ofSeconds(30)).until(d -> "AWAITING_CONFIRMATION".equals(attribute(
                "div.run[data-run='" + runId + "']", "data-run-state")));
        assertThat(attribute(row, "data-state")).isEqualTo("COMPLETE");
        assertThat(attribute(row + " .bar > div", "style")).contains("width:100%");

        browser.findElement(By.id("who")).sendKeys("ops@acme.com");
        clickWhenThere("button[data-action='confirm'][data-run='" + runId + "']");
        awaitText("div.run[data-run='" + runId + "']", "confirmed by ops@acme.com");
        wait(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(section + " div.run")).stream()
                .anyMatch(e -> e.getText().startsWith("PRODUCTION run")));
    }

    private static WebDriverWait wait(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class).ignoring(org.openqa.selenium.NoSuchElementException.class);
        return wait;
    }

    private static void awaitText(String css, String text) {
        try {
            wait(Duration.ofSeconds(30)).until(d -> d.findElement(By.cssSelector(css)).getText().contains(text));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no '" + text + "' in " + css + "; the page shows:\n"
                    + browser.findElement(By.tagName("body")).getText() + "\nconsole: "
                    + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
    }

    private static String text(String css) {
        return wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    private static String attribute(String css, String name) {
        return wait(Duration.ofSeconds(10)).until(d -> String.valueOf(d.findElement(By.cssSelector(css)).getDomAttribute(name)));
    }

    /** The page re-draws on every change; a click on an element that was just replaced is tried again. */
    private static void clickWhenThere(String css) {
        wait(Duration.ofSeconds(30)).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }
}
