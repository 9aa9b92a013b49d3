package io.strata.application.segmentation;

/** A run asked for while no general segmentation is active: there is nothing to run. */
public final class NoActiveSegmentation extends SegmentationConflict {

    public NoActiveSegmentation() {
        super("no general segmentation is active; create one and activate it first");
    }
}
