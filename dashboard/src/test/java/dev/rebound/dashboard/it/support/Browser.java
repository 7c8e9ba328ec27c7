package dev.rebound.dashboard.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium with its driver, from Debian's packages {@code chromium} and {@code chromium-driver}.
 * A fresh machine (CI) may not have them: then they are installed with apt-get, which works where the build runs
 * as root on Debian. Only where that is impossible is the browser test skipped, saying why.
 */
public final class Browser {

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    /** A new headless browser whose requests all carry these basic credentials ({@code user:password}). */
    public static ChromeDriver start(String credentials) throws IOException {
        ensureInstalled();
        Path profile = Files.createTempDirectory("rebound-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // the dashboard asks for Basic authentication; a header on every request stands in for the login dialog
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))));
        return driver;
    }

    private static synchronized void ensureInstalled() {
        if (CHROMIUM.canExecute() && DRIVER.canExecute()) {
            return;
        }
        String why = install();
        Assumptions.assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(), "REBOUND browser test skipped: "
                + "Chromium and its driver are not installed (Debian packages chromium, chromium-driver) and could "
                + "not be installed here: " + why);
    }

    /** Installs the Debian packages; returns what went wrong, if anything. */
    private static String install() {
        if (!new File("/usr/bin/apt-get").canExecute()) {
            return "no apt-get (not Debian)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not running as root";
        }
        System.out.println("Installing chromium and chromium-driver with apt-get for the browser test...");
        for (List<String> command : List.of(List.of("apt-get", "update", "-qq"),
                List.of("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"))) {
            try {
                ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = builder.start();
                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    return String.join(" ", command) + " did not finish in 15 minutes";
                }
                if (process.exitValue() != 0) {
                    return String.join(" ", command) + " exited with " + process.exitValue();
                }
            } catch (IOException e) {
                return e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return "installed, yet " + CHROMIUM + " or " + DRIVER + " is missing";
    }
}
