package io.strata.bootstrap.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console runs under its strict policy (no inline script or style) without the browser refusing anything. The
 * check reads Chromium's console log; a control (a console page into which the test puts an inline script, which the
 * policy must refuse) shows that the same check does see a violation, so a change of Chromium's wording fails the
 * test instead of letting every page pass unseen.
 */
class ContentSecurityPolicyBrowserTest extends BrowserTest {

    @Test
    void consolePagesRaiseNoPolicyViolationInTheBrowser() {
        logIn();
        driver.get(uri("/").toString());
        violations("before the control");

        ((JavascriptExecutor) driver).executeScript("""
                const inline = document.createElement('script');
                inline.textContent = 'window.strataControlRan = true;';
                document.body.appendChild(inline);""");

        assertThat(((JavascriptExecutor) driver).executeScript("return window.strataControlRan === true")).as("the inline script ran")
                .isEqualTo(false);
        assertThat(violations("control: / with an inline script")).as("the control's violation, as the check reads the log").isNotEmpty();

        List<String> violations = new ArrayList<>();
        for (String page : List.of("/", "/segmentations", "/tactical-segments/new", "/campaigns", "/campaigns/new", "/imports/new",
                "/customers", "/admin/audit")) {
            driver.get(uri(page).toString());
            assertThat(driver.findElement(By.tagName("nav")).isDisplayed()).as(page).isTrue();
            violations.addAll(violations(page));
        }

        assertThat(violations).isEmpty();
    }

    /** The policy violations the browser logged since the last call (reading the log empties it). */
    private List<String> violations(String page) {
        List<String> found = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getMessage().contains("Content Security Policy") || entry.getMessage().contains("Refused to")) {
                found.add(page + ": " + entry.getMessage());
            }
        }
        return found;
    }
}
