package io.strata.adapters.web.problem;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies with a field given twice ({@code {"role":"ANALYST","role":"ADMIN"}}) are refused: Jackson took the last
 * one silently, so a token could be made with another role than the one a reviewer of the request read first.
 * {@link UnreadableJson} names the field.
 */
@Component
public class StrictJson implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }
}
