package io.strata.bootstrap.wiring;

import io.strata.application.audit.AuditService;
import io.strata.application.audit.AuditTrail;
import io.strata.application.audit.CurrentActor;
import io.strata.application.audit.Transactions;
import io.strata.application.campaign.CampaignAudiences;
import io.strata.application.campaign.CampaignOutcomes;
import io.strata.application.campaign.CampaignService;
import io.strata.application.campaign.Campaigns;
import io.strata.application.campaign.DeliveryOutbox;
import io.strata.application.campaign.DeliveryRelay;
import io.strata.application.campaign.DeliveryWebhook;
import io.strata.application.customer.CustomerService;
import io.strata.application.customer.Customers;
import io.strata.application.erasure.ErasureService;
import io.strata.application.erasure.PersonalData;
import io.strata.application.imports.ImportRecords;
import io.strata.application.imports.ImportService;
import io.strata.application.imports.ImportTargets;
import io.strata.application.security.ApiTokens;
import io.strata.application.security.AuthenticateToken;
import io.strata.application.security.ConsoleUsers;
import io.strata.application.security.LoginFailures;
import io.strata.application.security.LoginThrottle;
import io.strata.application.security.PasswordHashing;
import io.strata.application.security.ProvisionCredentials;
import io.strata.application.segmentation.DefinitionDocuments;
import io.strata.application.segmentation.RunFollowUp;
import io.strata.application.segmentation.SegmentationDefinitions;
import io.strata.application.tactical.FieldCatalogues;
import io.strata.application.tactical.TacticalMembership;
import io.strata.application.tactical.TacticalSegmentService;
import io.strata.application.tactical.TacticalSegments;
import io.strata.application.segmentation.SegmentationEngine;
import io.strata.application.segmentation.SegmentationRunService;
import io.strata.application.segmentation.SegmentationRuns;
import io.strata.application.segmentation.SegmentationService;
import org.springframework.beans.factory.annotation.Value;
import io.strata.application.security.SecurityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The application layer knows no Spring: its services are created here from the adapters' ports. */
@Configuration(proxyBeanMethods = false)
public class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CustomerService customerService(Customers customers) {
        return new CustomerService(customers);
    }

    @Bean
    ImportService importService(ImportTargets targets, ImportRecords records, Clock clock, AuditTrail audit) {
        return new ImportService(targets, records, clock, audit);
    }

    @Bean
    SegmentationService segmentationService(SegmentationDefinitions definitions, DefinitionDocuments documents, AuditTrail audit,
                                            CurrentActor actor, Transactions transactions) {
        return new SegmentationService(definitions, documents, audit, actor, transactions);
    }

    /** One run at a time: a single worker thread, and the database refuses a second RUNNING run anyway. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService segmentationRunWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segmentation-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    SegmentationRunService segmentationRunService(SegmentationDefinitions definitions, SegmentationRuns runs, SegmentationEngine engine,
                                                  ExecutorService segmentationRunWorker,
                                                  @Value("${strata.segmentation.small-segment-share:0.01}") BigDecimal smallSegmentShare,
                                                  List<RunFollowUp> followUps, AuditTrail audit, CurrentActor actor) {
        return new SegmentationRunService(definitions, runs, engine, segmentationRunWorker, smallSegmentShare, followUps, audit, actor);
    }

    @Bean
    TacticalSegmentService tacticalSegmentService(TacticalSegments segments, FieldCatalogues catalogues, TacticalMembership membership,
                                                  SegmentationDefinitions definitions, SegmentationRuns runs, Clock clock,
                                                  AuditTrail audit, CurrentActor actor, Transactions transactions) {
        return new TacticalSegmentService(segments, catalogues, membership, definitions, runs, clock, audit, actor, transactions);
    }

    @Bean
    AuthenticateToken authenticateToken(ApiTokens tokens, Clock clock) {
        return new AuthenticateToken(tokens, clock);
    }

    @Bean
    ProvisionCredentials provisionCredentials(ConsoleUsers users, ApiTokens tokens, PasswordHashing hashing) {
        return new ProvisionCredentials(users, tokens, hashing);
    }

    @Bean
    SecurityService securityService(ApiTokens tokens, ConsoleUsers users, PasswordHashing hashing, AuditTrail audit,
                                    Transactions transactions, Clock clock) {
        return new SecurityService(tokens, users, hashing, audit, transactions, clock);
    }

    @Bean
    LoginThrottle loginThrottle(LoginFailures failures, Clock clock) {
        return new LoginThrottle(failures, clock, LoginThrottle.Policy.DEFAULT);
    }

    @Bean
    AuditService auditService(AuditTrail audit) {
        return new AuditService(audit);
    }

    @Bean
    ErasureService erasureService(PersonalData personalData, AuditTrail audit, Transactions transactions) {
        return new ErasureService(personalData, audit, transactions);
    }

    /** Webhook dispatch runs on one worker, so one campaign's batches are never sent twice concurrently. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService campaignDispatchWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "campaign-dispatch");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    DeliveryRelay deliveryRelay(DeliveryOutbox outbox, DeliveryWebhook webhook, ExecutorService campaignDispatchWorker, Clock clock,
                                @Value("${strata.dispatch.webhook-max-attempts:4}") int maxAttempts,
                                @Value("${strata.dispatch.webhook-backoff:PT0.5S}") Duration firstBackoff,
                                @Value("${strata.dispatch.webhook-batch-size:500}") int batchSize) {
        return new DeliveryRelay(outbox, webhook, campaignDispatchWorker, new DeliveryRelay.RetryPolicy(maxAttempts, firstBackoff, batchSize),
                duration -> Thread.sleep(duration.toMillis()), clock);
    }

    /** Campaigns read tactical segments (to check they lie inside the target) and their memberships, computed in every run. */
    @Bean
    CampaignService campaignService(Campaigns campaigns, CampaignAudiences audiences, DeliveryOutbox outbox, DeliveryRelay deliveryRelay,
                                    CampaignOutcomes outcomes, SegmentationDefinitions definitions, SegmentationRuns runs,
                                    TacticalSegments tacticalSegments, TacticalMembership tacticalMembers, Clock clock,
                                    AuditTrail audit, CurrentActor actor, Transactions transactions) {
        return new CampaignService(campaigns, audiences, outbox, deliveryRelay, outcomes, definitions, runs, tacticalSegments, tacticalMembers,
                clock, audit, actor, transactions);
    }
}
