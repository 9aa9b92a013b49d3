package io.strata.bootstrap.settings;

import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/** {@code strata.segmentation.small-segment-share}: a run warns of segments holding less than this share of the customers. */
@ConfigurationProperties("strata.segmentation")
public record SegmentationSettings(@DefaultValue("0.01") BigDecimal smallSegmentShare) {

    public static final SettingRange SMALL_SEGMENT_SHARE = SettingRange.number("strata.segmentation.small-segment-share", "0", true, "1", true, "0.01");

    public SegmentationSettings {
        SMALL_SEGMENT_SHARE.check(smallSegmentShare);
    }
}
