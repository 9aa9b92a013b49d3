package io.strata.application.tactical;

public record CreateTacticalSegment(String name, String parentSegment, String rule, String hypothesis) {
}
