package io.strata.bootstrap.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, items 2 and 7: disabling a user asks first with its consequence; the audit trail reads as sentences,
 * filters by who, what and a range of days, and exports what it shows as CSV.
 */
class AuditTrailBrowserTest extends BrowserTest {

    @Test
    void disablingAUserAsksFirstAndTheTrailSaysSoInASentenceThatCanBeFilteredAndExported() throws Exception {
        String name = "planner-" + UUID.randomUUID().toString().substring(0, 8);
        logIn();
        driver.get(uri("/admin/access").toString());
        driver.findElement(By.id("new-username")).sendKeys(name);
        driver.findElement(By.id("new-password")).sendKeys("quiet harbour lantern 77");
        new Select(driver.findElement(By.id("new-role"))).selectByValue("PLANNER");
        Browser.clickThrough(driver, driver.findElement(By.id("create-user")));

        WebElement disable = driver.findElement(By.id("disable-" + name));
        disable.click();
        var question = new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        assertThat(question.getText()).isEqualTo("Disable " + name + "? They are logged out at once and cannot log in until an admin"
                + " enables them again.");
        question.dismiss();
        assertThat(enabled(name)).as("saying no changes nothing").isTrue();
        disable = driver.findElement(By.id("disable-" + name));
        disable.click();
        LocalDate dayBefore = LocalDate.now(ZoneOffset.UTC);
        driver.switchTo().alert().accept();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(disable));
        assertThat(enabled(name)).isFalse();

        // the day the entry was stamped, today's: read back, as the test may straddle midnight (UTC) and the range is of days
        LocalDate stamped = LocalDate.parse(jdbc.sql("select (occurred_at at time zone 'UTC')::date::text from audit_events "
                + "where action = 'DISABLED' and subject_id = ?").param(name).query(String.class).single());
        assertThat(stamped).isBetween(dayBefore, LocalDate.now(ZoneOffset.UTC));
        String today = stamped.toString();
        driver.get(uri("/admin/audit?actor=admin&action=DISABLED&subjectType=console_user&from=" + today + "&to=" + today).toString());
        assertThat(driver.findElements(By.cssSelector("#audit-events .audit-sentence"))).extracting(WebElement::getText)
                .contains("admin disabled user " + name + ".")
                .allSatisfy(sentence -> assertThat(sentence).startsWith("admin disabled user "));
        assertThat(new Select(driver.findElement(By.id("action"))).getFirstSelectedOption().getText()).isEqualTo("disabled");
        assertThat(new Select(driver.findElement(By.id("subjectType"))).getFirstSelectedOption().getText()).isEqualTo("user");
        assertThat(driver.findElement(By.id("audit-events")).getText()).doesNotContain("console_user").doesNotContain("DISABLED")
                .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}");
        Browser.screenshot(driver, "audit-filtered");

        HttpResponse<String> csv = download(driver.findElement(By.id("audit-export-csv")).getDomProperty("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().findFirst().orElseThrow()).isEqualTo("occurred_at,actor,action,subject_type,subject_id,sentence,detail");
        assertThat(csv.body().lines().skip(1)).anySatisfy(line -> assertThat(line)
                .contains(",admin,DISABLED,console_user," + name + ",admin disabled user " + name + ".,"))
                .allSatisfy(line -> assertThat(line).contains(",admin,DISABLED,console_user,"));

        // a day before the range's start: nothing found by yesterday's range, and a reversed range is refused in words
        String yesterday = stamped.minusDays(1).toString();
        driver.get(uri("/admin/audit?actor=admin&action=DISABLED&from=" + yesterday + "&to=" + yesterday).toString());
        assertThat(driver.findElement(By.id("audit-none")).getText()).isEqualTo("Nothing matches these filters.");
        driver.get(uri("/admin/audit?from=" + today + "&to=" + yesterday).toString());
        assertThat(driver.findElement(By.cssSelector(".alert.error")).getText())
                .isEqualTo("The range ends (" + yesterday + ") before it starts (" + today + "); swap the two days.");
        HttpResponse<String> reversed = download(uri("/admin/audit?from=" + today + "&to=" + yesterday).toString());
        assertThat(reversed.statusCode()).isEqualTo(422);
    }

    private boolean enabled(String username) {
        return jdbc.sql("select enabled from console_users where username = ?").param(username).query(Boolean.class).single();
    }
}
