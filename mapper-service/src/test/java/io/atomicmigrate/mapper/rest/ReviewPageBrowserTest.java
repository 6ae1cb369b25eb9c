package io.atomicmigrate.mapper.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.atomicmigrate.common.json.Json;
import io.atomicmigrate.localstack.HeadlessChromium;
import io.atomicmigrate.localstack.LocalStackTestResource;
import io.atomicmigrate.mapper.FixtureDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review page in a real headless Chromium (Debian's chromium + chromium-driver): a person
 * sees every line with its confidence, reason, sample values and fill rate, edits a line, sees
 * the validation error inline, fixes it and approves.
 */
@QuarkusTest
@WithTestResource(LocalStackTestResource.class)
class ReviewPageBrowserTest {

    static HeadlessChromium chromium;
    static WebDriver browser;

    @TestHTTPResource("/review/")
    URL page;

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start("the review page test");
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    WebElement await(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    WebElement editor() {
        return await(By.cssSelector(".line-editor"));
    }

    @Test
    void aReviewerSeesTheLinesEditsOneSeesTheErrorInlineFixesItAndApproves() throws Exception {
        String id = MapReviewFlowTest.discover("review-page-" + UUID.randomUUID());
        given().contentType(ContentType.JSON)
                .body(Json.mapper().writeValueAsString(new ArrayList<>(FixtureDatabase.get().profiles().values())))
                .put("/api/migrations/{id}/profiles", id).then().statusCode(204);

        browser.get(page + "?migration=" + id);
        awaitText(By.id("version"), "1");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("not approved");

        // every object and line, with confidence, reason and what the data looks like
        WebElement gender = await(By.cssSelector("tr[data-line='contacts.gender']"));
        assertThat(gender.findElement(By.cssSelector(".confidence")).getText()).isEqualTo("80%");
        assertThat(gender.findElement(By.cssSelector(".reason")).getText()).contains("Pipedrive has no gender");
        assertThat(gender.findElement(By.cssSelector(".samples")).getText()).contains("female (");
        WebElement leadScore = browser.findElement(By.cssSelector("tr[data-line='contacts.lead_score']"));
        assertThat(leadScore.findElement(By.cssSelector(".samples")).getText()).matches("(?s)lead_score: \\d+% filled; e\\.g\\. .*");
        WebElement json = browser.findElement(By.cssSelector("tr[data-line='contacts.preferences']"));
        assertThat(json.findElement(By.cssSelector(".confidence")).getAttribute("class")).contains("low");
        assertThat(browser.findElements(By.cssSelector("table[data-object]")).size()).isGreaterThanOrEqualTo(8);

        // edit: drop the "She/Her" option, check → the error shows on the line
        gender.findElement(By.cssSelector("button.edit")).click();
        WebElement form = editor();
        WebElement options = form.findElement(By.name("options"));
        options.clear();
        options.sendKeys("He/Him, They/Them");
        form.findElement(By.cssSelector("button.check")).click();
        WebElement issues = await(By.cssSelector("tr[data-issues-for='contacts.gender']"));
        awaitText(By.cssSelector("tr[data-issues-for='contacts.gender']"), "ENUM_MISSING_OPTIONS");
        assertThat(issues.getText()).contains("She/Her");

        // saved anyway: a new version, which cannot be approved
        WebElement by = form.findElement(By.name("editedBy"));
        by.clear();
        by.sendKeys("ann@acme.com");
        form.findElement(By.cssSelector("button.save")).click();
        awaitText(By.id("version"), "2");
        awaitText(By.cssSelector("tr[data-issues-for='contacts.gender']"), "ENUM_MISSING_OPTIONS");
        browser.findElement(By.id("approver")).sendKeys("ann@acme.com");
        browser.findElement(By.id("approve")).click();
        awaitText(By.id("approve-result"), "Not approved");
        assertThat(browser.findElement(By.id("approve-result")).getText()).contains("validation error");

        // fix it, save version 3, approve
        await(By.cssSelector("tr[data-line='contacts.gender'] button.edit")).click();
        form = editor();
        options = form.findElement(By.name("options"));
        options.clear();
        options.sendKeys("He/Him, She/Her, They/Them");
        new Select(form.findElement(By.name("type"))).selectByValue("enum");
        form.findElement(By.cssSelector("button.check")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d ->
                d.findElement(By.id("message")).getText().contains("This line is valid"));
        form.findElement(By.cssSelector("button.save")).click();
        awaitText(By.id("version"), "3");
        assertThat(browser.findElement(By.cssSelector("tr[data-issues-for='contacts.gender']")).isDisplayed()).isFalse();
        browser.findElement(By.id("approve")).click();
        awaitText(By.id("status"), "approved by ann@acme.com");
        given().get("/api/migrations/{id}/map/versions/3", id).then().body("approved", is(true))
                .body("approvedBy", is("ann@acme.com")).body("proposedBy", is("ann@acme.com"));
    }
}
