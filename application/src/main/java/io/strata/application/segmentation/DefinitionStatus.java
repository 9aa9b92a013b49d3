package io.strata.application.segmentation;

/** A definition is edited as DRAFT, becomes the one ACTIVE, steps back to INACTIVE when another is activated, or is RETIRED. */
public enum DefinitionStatus {
    DRAFT, ACTIVE, INACTIVE, RETIRED
}
