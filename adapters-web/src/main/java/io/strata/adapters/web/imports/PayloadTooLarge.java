package io.strata.adapters.web.imports;

/**
 * The body passed the configured import size limit. A refusal of the request (its message says what to do), so the
 * import records it as it is rather than as an incident on Strata's side.
 */
public class PayloadTooLarge extends IllegalArgumentException {

    public PayloadTooLarge(long limit) {
        super("the body is larger than the limit of " + limit + " bytes (strata.import.max-body-size); split the file or raise the limit");
    }
}
