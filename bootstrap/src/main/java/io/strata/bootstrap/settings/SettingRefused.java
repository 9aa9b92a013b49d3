package io.strata.bootstrap.settings;

import io.strata.application.settings.SettingBounds;
import io.strata.application.settings.SettingOutOfRange;
import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionFailedException;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;

/**
 * A start stopped by a Strata setting ({@code strata.*}, {@code STRATA_*}) that is out of its range or no value of its
 * kind: the report's description is one line naming the environment variable, the key, the value and what to give
 * ("STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS (strata.campaigns.measurement-follow-days) is 'abc', which Strata cannot read
 * as a whole number; give a whole number of days from 0 to 3650, or leave it unset for 30"), instead of Spring's
 * binding report over several lines without the range, or a bean's stack trace. Settings of others (server.*,
 * spring.*) keep Spring's report. Registered in META-INF/spring.factories, before Spring's own analyzer of the same
 * failure.
 */
public final class SettingRefused extends AbstractFailureAnalyzer<BindException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String line = line(cause);
        if (line == null) {
            return null;
        }
        return new FailureAnalysis(line, "Correct that setting or unset it (README.md lists every setting with its default), then start"
                + " Strata again.", cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The one line, or null when the failure is not a Strata setting's. */
    static String line(BindException failure) {
        // a record's own check fails under the record's prefix, a value of the wrong kind under its key (the target is then an int)
        Class<?> target = failure.getTarget().getType().resolve();
        boolean strata = target != null && target.getName().startsWith("io.strata.") || failure.getName().toString().startsWith("strata.");
        if (!strata) {
            return null;
        }
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SettingOutOfRange) {
                return t.getMessage();
            }
        }
        ConfigurationProperty property = failure.getProperty();
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConversionFailedException conversion && property != null) {
                String key = property.getName().toString();
                String value = "'" + property.getValue() + "'";
                SettingBounds range = rangeOf(key);
                if (range != null) {
                    return range.refusal(value, ", which Strata cannot read as " + range.kind());
                }
                Class<?> type = conversion.getTargetType().getType();
                return SettingRange.variableOf(key) + " (" + key + ") is " + value + ", which Strata cannot read as " + kind(type) + "; give "
                        + example(type) + ", or leave it unset for its default";
            }
        }
        // the checks written as sentences of their own (strata.schedules.check-every is PT0S; give at least PT1S)
        for (Throwable t = failure.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass() == IllegalArgumentException.class && t.getMessage() != null && t.getMessage().startsWith("strata.")) {
                String key = t.getMessage().substring(0, t.getMessage().indexOf(' ') < 0 ? t.getMessage().length() : t.getMessage().indexOf(' '));
                return SettingRange.variableOf(key) + " (" + t.getMessage().replaceFirst(" is ", ") is ");
            }
        }
        return null;
    }

    /**
     * The range a settings record or a record nested in it declares for {@code key} (their {@code static final}
     * {@link SettingBounds} fields: {@link SettingRange}, {@link io.strata.application.settings.DurationRange},
     * {@link io.strata.application.settings.SizeRange}), if any.
     */
    private static SettingBounds rangeOf(String key) {
        for (Class<?> settings : SettingsAtStart.SETTINGS) {
            SettingBounds range = rangeOf(settings, key);
            if (range != null) {
                return range;
            }
        }
        return null;
    }

    private static SettingBounds rangeOf(Class<?> settings, String key) {
        for (Class<?> nested : settings.getDeclaredClasses()) {
            SettingBounds range = rangeOf(nested, key);
            if (range != null) {
                return range;
            }
        }
        for (Field field : settings.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && SettingBounds.class.isAssignableFrom(field.getType())) {
                try {
                    SettingBounds range = (SettingBounds) field.get(null);
                    if (range.key().equals(key)) {
                        return range;
                    }
                } catch (IllegalAccessException e) {
                    // not public: not a range this line can name
                }
            }
        }
        return null;
    }

    private static String kind(Class<?> type) {
        if (type == Duration.class) {
            return "a duration";
        }
        if (type == org.springframework.util.unit.DataSize.class) {
            return "a size";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        return "a number";
    }

    private static String example(Class<?> type) {
        if (type == Duration.class) {
            return "a duration such as 30s, 5m or PT1M";
        }
        if (type == org.springframework.util.unit.DataSize.class) {
            return "a size such as 512MB or 4GB";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return kind(type);
    }
}
