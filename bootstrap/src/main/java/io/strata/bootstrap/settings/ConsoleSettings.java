package io.strata.bootstrap.settings;

import io.strata.application.settings.DurationRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.console.*} (STRATA_CONSOLE_*): {@code formWait} is how long a copy of a console form waits for its first
 * sending to end before it is answered 409 (docs/console.md, "Across nodes"); 0 answers a copy at once. A negative wait
 * means nothing, and one beyond a day would hold a connection per copy for longer than any form is carried out.
 */
@ConfigurationProperties("strata.console")
public record ConsoleSettings(@DefaultValue("PT5M") Duration formWait) {

    public static final DurationRange FORM_WAIT = DurationRange.of("strata.console.form-wait", Duration.ZERO, Duration.ofDays(1),
            Duration.ofMinutes(5));

    public ConsoleSettings {
        FORM_WAIT.check(formWait);
    }
}
