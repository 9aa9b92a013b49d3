package io.strata.bootstrap.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/** {@code strata.segmentation.small-segment-share}: a run warns of segments holding less than this share of the customers. */
@ConfigurationProperties("strata.segmentation")
public record SegmentationSettings(@DefaultValue("0.01") BigDecimal smallSegmentShare) {
}
