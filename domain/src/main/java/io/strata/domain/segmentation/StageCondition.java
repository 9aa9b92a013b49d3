package io.strata.domain.segmentation;

import java.util.function.Function;

/**
 * When a lifecycle stage applies: a rule of the tactical rule language, or {@code otherwise}, the catch-all that
 * must end every lifecycle.
 */
public sealed interface StageCondition permits StageCondition.RuleText, StageCondition.Otherwise {

    /** One function per kind of condition, so a new kind does not compile until every engine handles it. */
    <R> R match(Function<? super RuleText, ? extends R> rule, Function<? super Otherwise, ? extends R> otherwise);

    static StageCondition rule(String text) {
        return new RuleText(text);
    }

    static StageCondition otherwise() {
        return new Otherwise();
    }

    /** A rule text, kept as written; the rule engine parses and evaluates it. */
    record RuleText(String text) implements StageCondition {
        public RuleText {
            if (text == null || text.isBlank()) {
                throw new InvalidSegmentation("a lifecycle condition needs a rule, e.g. plan = \"trial\"");
            }
            if (text.strip().equalsIgnoreCase("otherwise")) {
                throw new InvalidSegmentation("'otherwise' is not a rule; use the catch-all condition for the last stage instead");
            }
        }

        @Override
        public <R> R match(Function<? super RuleText, ? extends R> rule, Function<? super Otherwise, ? extends R> otherwise) {
            return rule.apply(this);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Holds for every customer. */
    record Otherwise() implements StageCondition {
        @Override
        public <R> R match(Function<? super RuleText, ? extends R> rule, Function<? super Otherwise, ? extends R> otherwise) {
            return otherwise.apply(this);
        }

        @Override
        public String toString() {
            return "otherwise";
        }
    }
}
