package io.strata.adapters.web.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where users reach the console (STRATA_BASE_URL), e.g. {@code https://strata.example.com}: scheme, host and port,
 * nothing else (the console lives at the root).
 */
record BaseUrl(String scheme, String host, int port) {

    BaseUrl {
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("STRATA_BASE_URL must start with http:// or https://, not " + scheme + "://");
        }
    }

    boolean secure() {
        return scheme.equals("https");
    }

    /** Empty when unset; a value that is not a plain http(s) origin stops the start with the reason. */
    static Optional<BaseUrl> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String hint = "; set it to the address users type, such as https://strata.example.com";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("STRATA_BASE_URL '" + text + "' is not a URL" + hint, e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("STRATA_BASE_URL '" + text + "' names no scheme and host" + hint);
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("STRATA_BASE_URL '" + text + "' has a path, query or user; Strata is served at the root" + hint);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return Optional.of(new BaseUrl(scheme, uri.getHost(), port));
    }
}
