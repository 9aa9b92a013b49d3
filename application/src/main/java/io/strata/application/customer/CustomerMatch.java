package io.strata.application.customer;

/** A customer found by a search: what the planner needs to recognise them in a list. */
public record CustomerMatch(String customerId, String email, String name, String city) {
}
