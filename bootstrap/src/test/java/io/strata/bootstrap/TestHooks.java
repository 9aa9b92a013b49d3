package io.strata.bootstrap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The hooks every end-to-end test's context carries (one context for all, so one set of hooks): a clock the tests may
 * move forward, and import checkpoints that stay inert until a test arms them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestHooks {

    @Bean
    @Primary
    SteerableClock steerableClock() {
        return new SteerableClock();
    }

    @Bean
    SteerableImports steerableImports() {
        return new SteerableImports();
    }

    @Bean
    SteerableRequests steerableRequests() {
        return new SteerableRequests();
    }

    @Bean
    SteerableFollowUps steerableFollowUps() {
        return new SteerableFollowUps();
    }

    @Bean
    SteerableRuns steerableRuns() {
        return new SteerableRuns();
    }
}
