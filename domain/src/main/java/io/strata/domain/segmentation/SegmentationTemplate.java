package io.strata.domain.segmentation;

import java.util.Objects;

/** A built-in general segmentation a company can start from; {@link #instantiate} gives it the company's name. */
public record SegmentationTemplate(String key, String name, String description, GeneralSegmentation definition) {

    public SegmentationTemplate {
        Objects.requireNonNull(key, "template key");
        Objects.requireNonNull(name, "template name");
        Objects.requireNonNull(description, "template description");
        Objects.requireNonNull(definition, "template definition");
    }

    public GeneralSegmentation instantiate(String segmentationName) {
        return definition.named(segmentationName);
    }
}
