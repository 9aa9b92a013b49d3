package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoginBrowserTest extends BrowserTest {

    @BeforeEach
    void threeCustomers() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/customers", "text/csv", "customer_id,city\nB1,Riga\nB2,Paris\nB3,Paris\n");
        driver.manage().deleteAllCookies();
    }

    @Test
    void anAdminLogsInAndSeesTheCustomerCount() {
        driver.get(uri("/").toString());
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        Browser.screenshot(driver, "login");

        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        driver.findElement(By.id("login-button")).click();

        assertThat(driver.findElement(By.id("customer-count")).getText()).isEqualTo("3");
        Browser.screenshot(driver, "dashboard");
    }

    @Test
    void aWrongPasswordKeepsTheVisitorOnTheLoginPageWithAMessage() {
        driver.get(uri("/login").toString());
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("not the password");
        driver.findElement(By.id("login-button")).click();

        assertThat(driver.getCurrentUrl()).contains("/login");
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("Wrong user name or password");
    }
}
