package io.strata.application.recovery;

/** An import or a segmentation run, by its id. */
public record WorkItem(Kind kind, String id) {

    public enum Kind {
        IMPORT("import", "Interrupted by a restart: the application stopped while this import was running, so nothing of it was "
                + "written. Send the file again."),
        SEGMENTATION_RUN("segmentation_run", "Interrupted by a restart: the application stopped while this run was computing, so it "
                + "has no results and the previous results stay current. Start the run again.");

        private final String subjectType;
        private final String interruption;

        Kind(String subjectType, String interruption) {
            this.subjectType = subjectType;
            this.interruption = interruption;
        }

        /** The subject type of its audit entries. */
        public String subjectType() {
            return subjectType;
        }

        /** What its record says once the sweep found it interrupted. */
        public String interruption() {
            return interruption;
        }
    }

    public WorkItem {
        if (kind == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a work item needs a kind and an id");
        }
    }
}
