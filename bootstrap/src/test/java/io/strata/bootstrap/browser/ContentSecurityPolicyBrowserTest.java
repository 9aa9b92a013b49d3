package io.strata.bootstrap.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console runs under its strict policy (no inline script or style) without the browser refusing anything. */
class ContentSecurityPolicyBrowserTest extends BrowserTest {

    @Test
    void consolePagesRaiseNoPolicyViolationInTheBrowser() {
        logIn();
        List<String> violations = new ArrayList<>();
        for (String page : List.of("/", "/segmentations", "/tactical-segments/new", "/campaigns", "/campaigns/new", "/imports/new",
                "/customers", "/admin/audit")) {
            driver.get(uri(page).toString());
            assertThat(driver.findElement(By.tagName("nav")).isDisplayed()).as(page).isTrue();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                if (entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Refused to")) {
                    violations.add(page + ": " + entry.getMessage());
                }
            }
        }

        assertThat(violations).isEmpty();
    }
}
