package io.strata.application.tactical.port.out;

import io.strata.domain.rule.FieldCatalogue;

/** Out-port: the fields rules can name right now: built-in ones, custom attributes and event properties seen in imports. */
public interface FieldCatalogues {

    FieldCatalogue current();
}
