package io.strata.adapters.web.imports;

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

    private static final DataSize MOST = DataSize.ofTerabytes(1);

    public ImportSettings {
        if (maxBodySize.toBytes() < 1 || maxBodySize.compareTo(MOST) > 0) {
            throw new IllegalArgumentException("strata.import.max-body-size is " + maxBodySize + "; give a size from 1B to 1TB, or leave it"
                    + " unset for 4GB");
        }
    }
}
