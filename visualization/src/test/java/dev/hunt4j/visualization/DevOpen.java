package dev.hunt4j.visualization;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** Opens pages in headless Chromium and prints the console, the ready state and a screenshot path: a by-hand check. */
public final class DevOpen {
    private DevOpen() {
    }

    public static void main(String[] args) throws Exception {
        try (Browser b = new Browser()) {
            for (String a : args) {
                b.driver.get(Path.of(a).toUri().toString());
                try {
                    b.waitFor("return document.documentElement.getAttribute('data-ready') === 'true'", Duration.ofSeconds(20));
                } catch (AssertionError e) {
                    System.out.println("NOT READY: " + e.getMessage());
                }
                for (LogEntry e : b.driver.manage().logs().get(LogType.BROWSER)) {
                    System.out.println("console " + e.getLevel() + ": " + e.getMessage());
                }
                System.out.println(a + " -> " + b.js("return JSON.stringify(window.hunt4j || null)"));
                String name = Path.of(a).getFileName().toString().replace(".html", "");
                System.out.println("screenshot " + b.screenshot("/tmp/viz/shot-" + name));
            }
        }
    }
}
