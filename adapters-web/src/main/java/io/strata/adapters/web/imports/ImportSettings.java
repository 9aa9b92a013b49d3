package io.strata.adapters.web.imports;

import io.strata.application.settings.SizeRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code strata.import.max-body-size} (STRATA_IMPORT_MAX_BODY_SIZE): the largest import body, over the API or uploaded.
 * From 1 byte to 1TB: with 0 or less every import is refused as too large (and a negative limit is none to the servlet
 * container's multipart upload, which would store a console upload of any size first); a body beyond a terabyte is no
 * import Strata's disk and database are sized for.
 */
@ConfigurationProperties("strata.import")
public record ImportSettings(@DefaultValue("4GB") DataSize maxBodySize) {

    public static final SizeRange MAX_BODY_SIZE = SizeRange.of("strata.import.max-body-size", 1, DataSize.ofTerabytes(1).toBytes(),
            DataSize.ofGigabytes(4).toBytes());

    public ImportSettings {
        MAX_BODY_SIZE.check(maxBodySize.toBytes());
    }
}
