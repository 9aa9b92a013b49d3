package io.strata.application.campaign;

/**
 * What a planner does next after a campaign request the surroundings do not allow yet. The message says it in the
 * product's words; each adapter says where that is in its own terms (the API adds its path as {@code fix}).
 */
public enum NextStep {
    /** Nothing more specific than the message. */
    NONE,
    /** Create a general segmentation and activate it. */
    ACTIVATE_A_SEGMENTATION,
    /** Run the active segmentation, so that a completed run holds the audience. */
    RUN_THE_SEGMENTATION,
    /** Choose a tactical segment that lies inside the campaign's target. */
    CHOOSE_A_TACTICAL_SEGMENT_OF_THE_TARGET
}
