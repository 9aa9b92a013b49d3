package io.strata.bootstrap.wiring;

import io.strata.application.audit.AuditService;
import io.strata.application.prediction.PredictionService;
import io.strata.application.prediction.port.out.PurchaseHistories;
import io.strata.application.prediction.port.out.RunPredictions;
import io.strata.domain.prediction.FitPolicy;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.CampaignChanges;
import io.strata.application.campaign.CampaignMeasurement;
import io.strata.application.campaign.CampaignPlanning;
import io.strata.application.campaign.CampaignRuns;
import io.strata.application.campaign.CampaignTargets;
import io.strata.application.campaign.StoredCampaigns;
import io.strata.application.campaign.port.out.Campaigns;
import io.strata.application.campaign.port.out.DeliveryDestinations;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.DeliveryRelay;
import io.strata.application.campaign.port.out.DeliveryWebhook;
import io.strata.application.customer.CustomerService;
import io.strata.application.customer.port.out.CustomerActivity;
import io.strata.application.customer.port.out.Customers;
import io.strata.application.erasure.ErasureService;
import io.strata.application.erasure.port.out.PersonalData;
import io.strata.application.imports.port.out.ImportRecords;
import io.strata.application.imports.ImportCheckpoints;
import io.strata.application.imports.ImportService;
import io.strata.application.imports.port.out.ImportTargets;
import io.strata.application.security.port.out.ApiTokens;
import io.strata.application.security.TokenAuthentication;
import io.strata.application.security.port.in.AuthenticateToken;
import io.strata.application.security.port.out.ConsoleUsers;
import io.strata.application.security.port.out.LoginFailures;
import io.strata.application.security.LoginThrottle;
import io.strata.application.security.port.out.PasswordHashing;
import io.strata.application.security.port.out.PasswordStrength;
import io.strata.application.security.ProvisionCredentials;
import io.strata.application.segmentation.port.out.DefinitionDocuments;
import io.strata.application.segmentation.RunFollowUp;
import io.strata.application.segmentation.RunPreparation;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.application.tactical.TacticalSegmentService;
import io.strata.application.tactical.port.out.TacticalSegments;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.segmentation.SegmentationRunService;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.segmentation.SegmentationService;
import io.strata.bootstrap.settings.DispatchSettings;
import io.strata.bootstrap.settings.PredictionSettings;
import io.strata.bootstrap.settings.SegmentationSettings;
import org.springframework.beans.factory.ObjectProvider;
import io.strata.application.security.SecurityService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Clock;
import java.util.List;
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
    CustomerService customerService(Customers customers, CustomerActivity activity) {
        return new CustomerService(customers, activity);
    }

    @Bean
    ImportService importService(ImportTargets targets, ImportRecords records, Clock clock, AuditTrail audit,
                                ObjectProvider<ImportCheckpoints> checkpoints) {
        // only the tests register checkpoints (to force overlap and progress); the application runs with none
        return new ImportService(targets, records, clock, audit, checkpoints.getIfAvailable(() -> ImportCheckpoints.NONE));
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
                                                  SegmentationSettings settings, List<RunPreparation> preparations,
                                                  List<RunFollowUp> followUps, AuditTrail audit, CurrentActor actor, Clock clock) {
        return new SegmentationRunService(definitions, runs, engine, segmentationRunWorker, settings.smallSegmentShare(), preparations,
                followUps, audit, actor, clock);
    }

    /** Predicted customer value, fitted after every run; the refusal thresholds and the value horizon are settings. */
    @Bean
    PredictionService predictionService(PurchaseHistories histories, RunPredictions predictions, SegmentationRuns runs,
                                        PredictionSettings settings) {
        return new PredictionService(histories, predictions, runs,
                new FitPolicy(settings.minimumRepeatBuyers(), settings.maximumSpendCorrelation()),
                new ValueHorizon(settings.horizonMonths(), settings.monthlyDiscount()));
    }

    @Bean
    TacticalSegmentService tacticalSegmentService(TacticalSegments segments, FieldCatalogues catalogues, TacticalMembership membership,
                                                  SegmentationDefinitions definitions, SegmentationRuns runs, Clock clock,
                                                  AuditTrail audit, CurrentActor actor, Transactions transactions,
                                                  RunPredictions predictions) {
        return new TacticalSegmentService(segments, catalogues, membership, definitions, runs, clock, audit, actor, transactions, predictions);
    }

    @Bean
    AuthenticateToken authenticateToken(ApiTokens tokens, Clock clock) {
        return new TokenAuthentication(tokens, clock);
    }

    @Bean
    ProvisionCredentials provisionCredentials(ConsoleUsers users, ApiTokens tokens, PasswordHashing hashing, PasswordStrength strength) {
        return new ProvisionCredentials(users, tokens, hashing, strength);
    }

    @Bean
    SecurityService securityService(ApiTokens tokens, ConsoleUsers users, PasswordHashing hashing, PasswordStrength strength,
                                    AuditTrail audit, Transactions transactions, Clock clock) {
        return new SecurityService(tokens, users, hashing, strength, audit, transactions, clock);
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

    /**
     * Webhook dispatch: one task per campaign on a bounded pool, so a slow receiver holds one worker and no other
     * campaign's deliveries; claims in the outbox keep two tasks (or nodes) from sending one delivery twice. Started and
     * stopped with the context; on shutdown running attempts are interrupted and their rows stay in the outbox.
     */
    @Bean
    ThreadPoolTaskExecutor campaignDispatchWorkers(DispatchSettings dispatch) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(dispatch.workers());
        executor.setMaxPoolSize(dispatch.workers());
        executor.setThreadNamePrefix("campaign-dispatch-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        return executor;
    }

    @Bean
    DeliveryRelay deliveryRelay(DeliveryOutbox outbox, DeliveryDestinations destinations, DeliveryWebhook webhook,
                                ThreadPoolTaskExecutor campaignDispatchWorkers, Clock clock, DispatchSettings dispatch) {
        DeliveryRelay.RetryPolicy policy = new DeliveryRelay.RetryPolicy(dispatch.webhookMaxAttempts(), dispatch.webhookBackoff(),
                dispatch.webhookBatchSize(), dispatch.webhookConnectTimeout().plus(dispatch.webhookReadTimeout()));
        return new DeliveryRelay(outbox, destinations, webhook, campaignDispatchWorkers, policy, duration -> Thread.sleep(duration.toMillis()),
                clock, nodeName());
    }

    /** Names this node in the outbox's claims (for people reading the table; the lease alone decides who may send). */
    private static String nodeName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    StoredCampaigns storedCampaigns(Campaigns campaigns) {
        return new StoredCampaigns(campaigns);
    }

    @Bean
    CampaignChanges campaignChanges(Campaigns campaigns, StoredCampaigns stored, AuditTrail audit, CurrentActor actor,
                                    Transactions transactions) {
        return new CampaignChanges(campaigns, stored, audit, actor, transactions);
    }

    /** Campaigns read tactical segments (to check they lie inside the target) and their memberships, computed in every run. */
    @Bean
    CampaignTargets campaignTargets(SegmentationDefinitions definitions, SegmentationRuns runs, TacticalSegments tacticalSegments,
                                    TacticalMembership tacticalMembers) {
        return new CampaignTargets(definitions, runs, tacticalSegments, tacticalMembers);
    }

    @Bean
    CampaignPlanning campaignPlanning(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets) {
        return new CampaignPlanning(stored, changes, targets);
    }

    @Bean
    CampaignRuns campaignRuns(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets, CampaignAudiences audiences,
                              DeliveryOutbox outbox, DeliveryRelay deliveryRelay, Clock clock) {
        return new CampaignRuns(stored, changes, targets, audiences, outbox, deliveryRelay, clock);
    }

    @Bean
    CampaignMeasurement campaignMeasurement(StoredCampaigns stored, CampaignAudiences audiences, DeliveryOutbox outbox,
                                            CampaignOutcomes outcomes, Clock clock) {
        return new CampaignMeasurement(stored, audiences, outbox, outcomes, clock);
    }
}
