package io.strata.application.segmentation;

/** A request that the definition's state does not allow (e.g. editing a retired one, running with none active). */
public class SegmentationConflict extends RuntimeException {

    public SegmentationConflict(String message) {
        super(message);
    }
}
