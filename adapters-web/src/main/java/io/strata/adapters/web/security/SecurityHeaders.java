package io.strata.adapters.web.security;

/** The Content-Security-Policy of each door. */
final class SecurityHeaders {

    /**
     * Console pages load scripts, styles and fonts only from Strata itself: no inline script, no eval, no third-party
     * origins. Images may be data: URIs (the API documentation's icons).
     */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** API answers are data, never documents to render. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    private SecurityHeaders() {
    }
}
