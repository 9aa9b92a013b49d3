package io.strata.bootstrap.wiring;

import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.adapters.persistence.database.SchemaAhead;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.StoredCampaigns;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.recovery.StoppedRunSweep;
import io.strata.application.recovery.port.out.ScheduledStarts;
import io.strata.application.recovery.port.out.UnfinishedWork;
import io.strata.application.schedule.SchedulePlanning;
import io.strata.application.schedule.ScheduledWork;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.application.schedule.port.out.ImportActivity;
import io.strata.application.schedule.port.out.PassingFailures;
import io.strata.application.schedule.port.out.RunSchedules;
import io.strata.application.schedule.port.out.ScheduledLaunches;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.bootstrap.forms.JdbcSentForms;
import io.strata.bootstrap.outage.OutageTraces;
import io.strata.bootstrap.schedule.DueWorkScheduler;
import io.strata.bootstrap.settings.RunSettings;
import io.strata.bootstrap.settings.ScheduleSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.strata.application.campaign.port.out.DeliveryOutbox;

import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/** Schedules and automatic launches (issue 17): the two use cases, and db-scheduler keeping the beat. */
@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    @Bean
    SchedulePlanning schedulePlanning(RunSchedules schedules, SegmentationDefinitions segmentations, ImportActivity imports,
                                      ScheduledLaunches launches, AuditTrail audit, CurrentActor actor, Transactions transactions, Clock clock) {
        return new SchedulePlanning(schedules, segmentations, imports, launches, audit, actor, transactions, clock);
    }

    @Bean
    ScheduledWork scheduledWork(RunSchedules schedules, SegmentationDefinitions segmentations, ImportActivity imports, RunSegmentation runs,
                                ScheduledLaunches launches, RunCampaigns campaigns, DeliveryOutbox outbox, StoredCampaigns stored,
                                AuditTrail audit, Transactions transactions, UnfinishedWork unfinished, ScheduledStarts starts,
                                RunSettings runSettings, PassingFailures passing, Clock clock) {
        StoppedRunSweep stoppedRuns = new StoppedRunSweep(unfinished, starts, audit, transactions, runSettings.unclaimedGrace());
        return new ScheduledWork(schedules, segmentations, imports, runs, launches, campaigns, outbox, stored, audit, transactions, stoppedRuns,
                passing, clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnBooleanProperty(name = "strata.schedules.enabled", matchIfMissing = true)
    DueWorkScheduler dueWorkScheduler(DataSource dataSource, RunDueWork work, ScheduleSettings settings, SchemaAhead schema,
                                      DatabaseReach schedulerReach, OutageTraces outageTraces, JdbcSentForms sentForms, Environment environment) {
        return new DueWorkScheduler(dataSource, work, settings, schema, schedulerReach, outageTraces, sentForms,
                environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30)));
    }
}
