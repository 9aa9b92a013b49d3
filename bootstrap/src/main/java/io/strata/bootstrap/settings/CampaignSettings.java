package io.strata.bootstrap.settings;

import io.strata.application.campaign.CampaignMeasurement;
import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strata.campaigns.measurement-follow-days}: how many days after a campaign's attribution window the measurement
 * after each run still follows it (docs/campaigns.md, "How long the measurement follows a campaign").
 */
@ConfigurationProperties("strata.campaigns")
public record CampaignSettings(@DefaultValue("30") int measurementFollowDays) {

    /** The application's own range for the days (read by SettingRefused from this record's static fields). */
    public static final SettingRange FOLLOW_DAYS = CampaignMeasurement.FOLLOW_DAYS;

    public CampaignSettings {
        FOLLOW_DAYS.check(measurementFollowDays);
    }
}
