package io.strata.application.segmentation;

/** A segmentation, run or template that does not exist. */
public class SegmentationNotFound extends RuntimeException {

    public SegmentationNotFound(String message) {
        super(message);
    }
}
