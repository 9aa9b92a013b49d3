package io.strata.application.segmentation;

/** A segmentation or run that does not exist (an unknown template named in a request is {@link UnknownTemplate}). */
public class SegmentationNotFound extends RuntimeException {

    public SegmentationNotFound(String message) {
        super(message);
    }
}
