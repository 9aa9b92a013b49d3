package io.strata.adapters.web.imports;

/** The body passed the configured import size limit. */
public class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(long limit) {
        super("the body is larger than the limit of " + limit + " bytes (strata.import.max-body-size); split the file or raise the limit");
    }
}
