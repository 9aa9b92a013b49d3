package io.strata.adapters.web.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code strata.import.max-body-size} (STRATA_IMPORT_MAX_BODY_SIZE): the largest import body, over the API or uploaded. */
@ConfigurationProperties("strata.import")
public record ImportSettings(@DefaultValue("4GB") DataSize maxBodySize) {
}
