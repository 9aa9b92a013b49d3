package io.strata.domain.segmentation;

import java.util.List;
import java.util.Optional;

/** The catalogue of built-in general segmentations. A new template is one class here and one line below. */
public final class SegmentationTemplates {

    private static final List<SegmentationTemplate> ALL = List.of(
            RfmClassicTemplate.template(),
            FrequencyTiersTemplate.template(),
            ProductBreadthTemplate.template(),
            ValueTiersTemplate.template(),
            PredictedValueTiersTemplate.template(),
            SubscriptionLifecycleTemplate.template(),
            UserStatusTemplate.template());

    private SegmentationTemplates() {
    }

    public static List<SegmentationTemplate> all() {
        return ALL;
    }

    public static Optional<SegmentationTemplate> byKey(String key) {
        return ALL.stream().filter(template -> template.key().equals(key)).findFirst();
    }

    /** The template of {@code key}, instantiated under {@code name}; an unknown key names the known ones. */
    public static GeneralSegmentation instantiate(String key, String name) {
        return byKey(key).orElseThrow(() -> new InvalidSegmentation("there is no template '" + key + "'; the templates are "
                + ALL.stream().map(SegmentationTemplate::key).toList())).instantiate(name);
    }
}
