package io.mailgw.outbound.smtp;

import java.util.function.Predicate;

/**
 * Which send results resilience4j's retry {@code smtp} tries again on the spot
 * ({@code resilience4j.retry.instances.smtp.result-predicate}): see {@link SendReport#retryInPlace()}.
 */
public class QuickTransientFailure implements Predicate<Object> {

    @Override
    public boolean test(Object result) {
        return result instanceof SendReport report && report.retryInPlace();
    }
}
