package io.strata.adapters.persistence.imports;

import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strata.import.waiting-at-most} (STRATA_IMPORT_WAITING_AT_MOST): how many imports may wait for their turn on a
 * node ({@link ImportTurns}); 0 refuses every import that finds no free turn. Each waiting import keeps a request
 * thread, so more than a thousand would starve the pages that need them too.
 */
@ConfigurationProperties("strata.import")
public record ImportTurnSettings(@DefaultValue("32") int waitingAtMost) {

    public static final SettingRange WAITING_AT_MOST = SettingRange.whole("strata.import.waiting-at-most", 0, 1000, "imports", ImportTurns.WAITING_AT_MOST);

    public ImportTurnSettings {
        WAITING_AT_MOST.check(waitingAtMost);
    }
}
