package io.strata.application.audit.port.out;

/** Out-port: who is making the current request (a console user or an API token), or "system" for background work. */
@FunctionalInterface
public interface CurrentActor {

    String SYSTEM = "system";

    String name();
}
