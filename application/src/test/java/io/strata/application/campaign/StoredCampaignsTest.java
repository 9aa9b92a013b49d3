package io.strata.application.campaign;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How a log line names a campaign: by id and name, the name escaped so that it cannot forge a line; by id alone if unread. */
class StoredCampaignsTest {

    private final NamedCampaigns campaigns = new NamedCampaigns(Map.of(12L, "Winback spring"));
    private final StoredCampaigns stored = new StoredCampaigns(campaigns);

    @Test
    void aCampaignIsNamedByItsIdAndItsNameInQuotes() {
        assertThat(stored.named(12)).isEqualTo("campaign 12 \"Winback spring\"");
    }

    @Test
    void aCampaignNotFoundOrWhoseNameCannotBeReadIsNamedByItsIdAlone() {
        assertThat(stored.named(13)).isEqualTo("campaign 13");
        campaigns.unreadable = new IllegalStateException("Failed to obtain JDBC Connection");
        assertThat(stored.named(12)).isEqualTo("campaign 12");
    }

    /** A planner's name may hold quotes, tabs and line breaks: a line must still be one line, its name within its quotes. */
    @Test
    void quotesBackslashesAndLineBreaksInANameAreEscapedAsInAJavaString() {
        assertThat(StoredCampaigns.named(7, "Say \"hi\"\\now\r\n2026-12-07 ERROR forged\tline\u2028end"))
                .isEqualTo("campaign 7 \"Say \\\"hi\\\"\\\\now\\r\\n2026-12-07 ERROR forged\\tline\\u2028end\"");
        assertThat(StoredCampaigns.named(7, null)).isEqualTo("campaign 7");
    }
}
