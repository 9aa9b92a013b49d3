package io.strata.adapters.web.console;

/** A console address that names something that does not exist (an import id nobody ran, say). */
class NoSuchPage extends RuntimeException {

    NoSuchPage(String message) {
        super(message);
    }
}
