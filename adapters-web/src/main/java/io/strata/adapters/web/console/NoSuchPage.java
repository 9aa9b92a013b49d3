package io.strata.adapters.web.console;

/** A console address that names something that does not exist (an import id nobody ran, say). */
public class NoSuchPage extends RuntimeException {

    public NoSuchPage(String message) {
        super(message);
    }
}
