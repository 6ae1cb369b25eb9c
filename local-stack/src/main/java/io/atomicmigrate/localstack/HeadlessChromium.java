package io.atomicmigrate.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for the pages the services serve (the mapper's review page, the
 * reconciler's dashboard): Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code .ci/run} installs, driven through Selenium. No browser is downloaded at run time.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    public static final String CHROMIUM = "/usr/bin/chromium";

    private final WebDriver driver;
    private final Path profileDir;

    private HeadlessChromium(WebDriver driver, Path profileDir) {
        this.driver = driver;
        this.profileDir = profileDir;
    }

    /** Starts a browser with a fresh profile; {@code purpose} names the test in the error when Chromium is missing. */
    public static HeadlessChromium start(String purpose) {
        if (!new File(CHROMEDRIVER).canExecute() || !new File(CHROMIUM).canExecute()) {
            throw new IllegalStateException(purpose + " needs Debian's chromium and chromium-driver"
                    + " (apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        try {
            Path profileDir = Files.createTempDirectory("chromium-profile-");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM);
            // Background networking and component updates would try hosts this machine cannot reach.
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profileDir, "--window-size=1600,1200");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            return new HeadlessChromium(new ChromeDriver(service, options), profileDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a Chromium profile directory", e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Quits the browser and deletes its profile. */
    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profileDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
