package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.Map;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console never stops a user before the server would (session 61). A tactical segment's name may have 200
 * characters (code points, as the server counts them); a browser's {@code maxlength} counts UTF-16 units, so the old
 * {@code maxlength="200"} let a user type only 100 emoji. The field now allows 400 units (one character is at most two),
 * and past 200 characters the server refuses in its words, the form shown again with what was typed.
 *
 * <p>Text goes in through Chromium's own text insertion ({@code Input.insertText}, what an input method or a paste does):
 * ChromeDriver's {@code sendKeys} refuses characters beyond the Basic Multilingual Plane, and a value set by a script
 * would not meet {@code maxlength} at all. Oracles: the field's value as the browser holds it, counted here in code
 * points, the name stored (read back from the database) and the words under the field.
 */
class TextBoundsBrowserTest extends BrowserTest {

    /** U+1F600, one character, two UTF-16 units. */
    private static final String EMOJI = Character.toString(0x1F600);
    private static final int BOUND = 200;

    @BeforeEach
    void activeTiers() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"F\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
    }

    /** Focuses {@code field} and inserts {@code text} as typed (through the editing pipeline, which applies maxlength). */
    private static void type(WebElement field, String text) {
        field.click();
        ((ChromeDriver) driver).executeCdpCommand("Input.insertText", Map.of("text", text));
    }

    private static String valueOf(String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    private void fillBuilder(String name) {
        logIn();
        driver.get(uri("/tactical-segments/new").toString());
        new Select(driver.findElement(By.id("parent"))).selectByValue("newcomers");
        driver.findElement(By.id("rule")).sendKeys("frequency >= 1");
        type(driver.findElement(By.id("name")), name);
    }

    @Test
    void aNameOfExactlyTheBoundInEmojiIsTypedWholeSubmittedAndStoredWhole() {
        String name = EMOJI.repeat(BOUND);
        fillBuilder(name);
        String held = valueOf("name");
        assertThat(held.codePointCount(0, held.length())).as("characters the browser let in").isEqualTo(BOUND);
        assertThat(held).isEqualTo(name);

        Browser.clickThrough(driver, driver.findElement(By.id("save-tactical")));
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/tactical-segments"));
        assertThat(jdbc.sql("select name from tactical_segments").query(String.class).single()).isEqualTo(name);
        assertThat(jdbc.sql("select char_length(name) from tactical_segments").query(Integer.class).single()).isEqualTo(BOUND);
    }

    @Test
    void oneCharacterPastTheBoundIsLetThroughByTheBrowserAndRefusedByTheServerInWordsWithTheNameKept() {
        // 199 emoji and two letters: 201 characters in 400 UTF-16 units, exactly what the field allows
        String name = EMOJI.repeat(BOUND - 1) + "ab";
        fillBuilder(name);
        assertThat(valueOf("name")).as("the browser let it all in").isEqualTo(name);

        Browser.clickThrough(driver, driver.findElement(By.id("save-tactical")));
        WebElement field = driver.findElement(By.id("name"));
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
        String errorId = field.getDomAttribute("aria-describedby");
        assertThat(driver.findElement(By.id(errorId)).getText()).isEqualTo("The name has 201 characters; at most 200 are allowed");
        assertThat(valueOf("name")).as("what was typed is shown again").isEqualTo(name);
        assertThat(valueOf("rule")).isEqualTo("frequency >= 1");
        assertThat(jdbc.sql("select count(*) from tactical_segments").query(Long.class).single()).isZero();
    }
}
