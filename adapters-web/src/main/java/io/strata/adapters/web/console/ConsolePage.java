package io.strata.adapters.web.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the console's pages, so that {@link ConsoleErrors} answers its errors with a page a person can
 * read. The console's controllers live in the packages of their areas beside the API's, so the package cannot say which
 * is which; this annotation does (ConsolePagesTest checks that every page controller carries it).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {
}
