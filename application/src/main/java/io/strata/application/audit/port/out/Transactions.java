package io.strata.application.audit.port.out;

import java.util.function.Supplier;

/**
 * Out-port: runs a change and its audit entry as one unit of work, so nothing is committed without its trail and
 * no entry describes a change that was rolled back.
 */
public interface Transactions {

    <T> T inOne(Supplier<T> work);
}
