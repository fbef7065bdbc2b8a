package cn.xianfeng.portal;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Debian's headless Chromium driven by its own chromedriver — never a downloaded browser (Selenium Manager is
 * bypassed by naming the driver). Screenshots land in target/screenshots as test artifacts.
 */
final class Chromium {

    static final Path SHOTS = Path.of("target/screenshots");

    private Chromium() {
    }

    static ChromeDriver start(int width, int height) {
        File driver = new File(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        File browser = new File(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        if (!driver.canExecute() || !browser.canExecute()) {
            throw new IllegalStateException("Chromium and chromedriver are needed (Debian: apt-get install chromium "
                    + "chromium-driver; scripts/test installs them): " + browser + ", " + driver);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + width + "," + height, "--lang=zh-CN");
        // the console (CSP refusals, script errors) for tests that read it: browser.manage().logs().get("browser")
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().withEnvironment(Map.of("XDG_DATA_HOME", cjkFonts().toString())).build();
        return new ChromeDriver(service, options);
    }

    /**
     * Screenshots a person can read: the machine may have no Chinese font, so the application's bundled CJK font
     * is offered to this Chromium alone (fontconfig reads $XDG_DATA_HOME/fonts), nothing installed system-wide.
     */
    private static Path cjkFonts() {
        Path home = Path.of("target/chromium-data").toAbsolutePath();
        Path font = home.resolve("fonts/DroidSansFallbackFull.ttf");
        try (var in = Chromium.class.getResourceAsStream("/fonts/DroidSansFallbackFull.ttf")) {
            if (in != null && !Files.exists(font)) {
                Files.createDirectories(font.getParent());
                Files.copy(in, font, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    static void shoot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SHOTS);
            File png = browser.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
