package io.strata.bootstrap.wiring;

import io.strata.application.audit.AuditService;
import io.strata.application.prediction.FitBounds;
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
import io.strata.application.campaign.ProgrammeHoldout;
import io.strata.application.campaign.AlwaysOnCampaigning;
import io.strata.application.campaign.port.out.Holdouts;
import io.strata.application.campaign.port.out.CohortOutcomes;
import io.strata.application.campaign.port.out.AlwaysOnCampaigns;
import io.strata.application.campaign.CampaignMeasurement;
import io.strata.application.campaign.CampaignPlanning;
import io.strata.application.campaign.CampaignRuns;
import io.strata.application.campaign.CampaignTargets;
import io.strata.application.campaign.StoredCampaigns;
import io.strata.application.campaign.port.out.Campaigns;
import io.strata.application.campaign.port.out.CampaignMeasurements;
import io.strata.application.campaign.port.out.DeliveryDestinations;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.port.out.OutboxReach;
import io.strata.application.campaign.DeliveryRelay;
import io.strata.application.campaign.DestinationAdministration;
import io.strata.application.campaign.FrequencyCapping;
import io.strata.application.campaign.port.out.FrequencyCaps;
import io.strata.application.campaign.port.out.StoredDestinations;
import io.strata.application.campaign.port.out.DeliveryWebhook;
import io.strata.application.customer.CustomerService;
import io.strata.application.customer.port.out.CustomerActivity;
import io.strata.application.customer.port.out.Customers;
import io.strata.application.erasure.ErasureService;
import io.strata.application.erasure.port.out.PersonalData;
import io.strata.application.imports.port.out.ImportAdmission;
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
import io.strata.application.segmentation.CompletedRunFollowUp;
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
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

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
    CustomerService customerService(Customers customers, CustomerActivity activity) {
        return new CustomerService(customers, activity);
    }

    @Bean
    io.strata.application.tactical.RuleValueSuggestions ruleValueSuggestions(FieldCatalogues catalogues,
                                                                             io.strata.application.tactical.port.out.FieldValues values) {
        return new io.strata.application.tactical.RuleValueSuggestions(catalogues, values);
    }

    @Bean
    io.strata.application.segmentation.SegmentTrends segmentTrends(io.strata.application.segmentation.port.out.RunFigures figures) {
        return new io.strata.application.segmentation.SegmentTrends(figures);
    }

    @Bean
    io.strata.application.segmentation.SegmentMemberListing segmentMemberListing(
            io.strata.application.segmentation.port.out.SegmentMemberLists lists) {
        return new io.strata.application.segmentation.SegmentMemberListing(lists);
    }

    @Bean
    io.strata.application.customer.CustomerSearch customerSearch(io.strata.application.customer.port.out.CustomerDirectory directory) {
        return new io.strata.application.customer.CustomerSearch(directory);
    }

    @Bean
    ImportService importService(ImportTargets targets, ImportRecords records, Clock clock, AuditTrail audit,
                                ObjectProvider<ImportCheckpoints> checkpoints, ImportAdmission admission) {
        // only the tests register checkpoints (to force overlap and progress); the application runs with none
        return new ImportService(targets, records, clock, audit, checkpoints.getIfAvailable(() -> ImportCheckpoints.NONE), admission);
    }

    @Bean
    SegmentationService segmentationService(SegmentationDefinitions definitions, DefinitionDocuments documents, AuditTrail audit,
                                            CurrentActor actor, Transactions transactions,
                                            io.strata.application.segmentation.port.out.SegmentationPlans plans) {
        return new SegmentationService(definitions, documents, audit, actor, transactions, plans);
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

    /** The completed-run follow-ups (migrations, measurements), one at a time, beside the next run rather than before it. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService segmentationFollowUpWorker() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segmentation-follow-ups");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    SegmentationRunService segmentationRunService(SegmentationDefinitions definitions, SegmentationRuns runs, SegmentationEngine engine,
                                                  ExecutorService segmentationRunWorker, ExecutorService segmentationFollowUpWorker,
                                                  SegmentationSettings settings, List<RunPreparation> preparations,
                                                  List<RunFollowUp> followUps, List<CompletedRunFollowUp> completedFollowUps,
                                                  AuditTrail audit, CurrentActor actor, Clock clock, PredictionSettings predictionSettings,
                                                  Transactions transactions) {
        return new SegmentationRunService(definitions, runs, engine, segmentationRunWorker, segmentationFollowUpWorker, settings.smallSegmentShare(),
                predictionSettings.enabled() ? preparations : List.of(), followUps, completedFollowUps, audit, actor, clock, transactions);
    }

    /**
     * When Strata stops, the run under way finishes, the work after runs stops at its next step and the relay of campaign
     * deliveries after the batch it is posting, before the pool closes, within Spring's own wait for a shutdown phase (30 s
     * unless set).
     */
    @Bean
    RunWorkAtStop runWorkAtStop(SegmentationRunService segmentationRunService, ExecutorService segmentationRunWorker,
                                ExecutorService segmentationFollowUpWorker, DeliveryRelay deliveryRelay,
                                ThreadPoolTaskExecutor campaignDispatchWorkers, Environment environment) {
        return new RunWorkAtStop(segmentationRunService, segmentationRunWorker, segmentationFollowUpWorker, deliveryRelay, campaignDispatchWorkers,
                environment.getProperty("spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30)));
    }

    /** Predicted customer value, fitted after every run; the refusal thresholds and the value horizon are settings. */
    @Bean
    PredictionService predictionService(PurchaseHistories histories, RunPredictions predictions, SegmentationRuns runs,
                                        PredictionSettings settings) {
        return new PredictionService(histories, predictions, runs,
                new FitPolicy(settings.minimumRepeatBuyers(), settings.maximumSpendCorrelation()),
                new ValueHorizon(settings.horizonMonths(), settings.monthlyDiscount()),
                new FitBounds(settings.fitPatterns(), settings.fitRepeatBuyers(), settings.fitBuyers()));
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
     * stopped with the context; at a stop each relay finishes the batch it is posting and claims no further one
     * ({@code RunWorkAtStop}); only one still posting when the stop's wait runs out is interrupted (marked FAILED).
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
    DeliveryRelay deliveryRelay(DeliveryOutbox outbox, DeliveryDestinations destinations, StoredDestinations storedDestinations,
                                DeliveryWebhook webhook, ThreadPoolTaskExecutor campaignDispatchWorkers, Clock clock, DispatchSettings dispatch,
                                OutboxReach outboxReach, StoredCampaigns storedCampaigns) {
        DeliveryRelay.RetryPolicy policy = new DeliveryRelay.RetryPolicy(dispatch.webhookMaxAttempts(), dispatch.webhookBackoff(),
                dispatch.webhookBatchSize(), dispatch.webhookConnectTimeout().plus(dispatch.webhookReadTimeout()));
        return new DeliveryRelay(outbox, destinations, storedDestinations, webhook, campaignDispatchWorkers, policy, duration -> Thread.sleep(duration.toMillis()),
                clock, nodeName(), outboxReach, storedCampaigns);
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
    CampaignPlanning campaignPlanning(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets,
                                      StoredDestinations destinations) {
        return new CampaignPlanning(stored, changes, targets, destinations);
    }

    @Bean
    FrequencyCapping frequencyCapping(FrequencyCaps caps, AuditTrail audit, CurrentActor actor, Transactions transactions) {
        return new FrequencyCapping(caps, audit, actor, transactions);
    }

    /** Stored destinations follow the same https rule as the start-up setting's URL. */
    @Bean
    DestinationAdministration destinationAdministration(StoredDestinations destinations, DispatchSettings dispatch, AuditTrail audit,
                                                        CurrentActor actor, Transactions transactions) {
        return new DestinationAdministration(destinations, dispatch.allowPlainHttp(), audit, actor, transactions);
    }

    @Bean
    CampaignRuns campaignRuns(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets, CampaignAudiences audiences,
                              DeliveryOutbox outbox, DeliveryRelay deliveryRelay, CampaignMeasurement measurement, Clock clock) {
        return new CampaignRuns(stored, changes, targets, audiences, outbox, deliveryRelay, measurement, clock);
    }

    /**
     * Always-on campaigns join every run after the tactical memberships (it is defined after the tactical segments'
     * service, and follow-ups run in the order they are defined), since a cohort may be narrowed to a tactical segment.
     */
    @Bean
    AlwaysOnCampaigning alwaysOnCampaigning(StoredCampaigns stored, CampaignChanges changes,
            CampaignTargets targets, CampaignAudiences audiences, DeliveryOutbox outbox, DeliveryRelay deliveryRelay,
            AlwaysOnCampaigns alwaysOn, CohortOutcomes outcomes,
            SegmentationRuns runs, AuditTrail audit, CurrentActor actor, Transactions transactions, Clock clock) {
        return new AlwaysOnCampaigning(stored, changes, targets, audiences, outbox, deliveryRelay, alwaysOn,
                outcomes, runs, new AlwaysOnCampaigning.Audit(audit, actor, transactions), clock);
    }

    @Bean
    ProgrammeHoldout programmeHoldout(Holdouts holdouts,
            CampaignTargets targets, CampaignOutcomes outcomes, AuditTrail audit, CurrentActor actor, Transactions transactions, Clock clock) {
        return new ProgrammeHoldout(holdouts, targets, outcomes, audit, actor, transactions, clock);
    }

    @Bean
    CampaignMeasurement campaignMeasurement(StoredCampaigns stored, CampaignAudiences audiences, DeliveryOutbox outbox,
                                            CampaignOutcomes outcomes, CampaignMeasurements measurements, Clock clock,
                                            io.strata.bootstrap.settings.CampaignSettings settings) {
        return new CampaignMeasurement(stored, audiences, outbox, outcomes, measurements, clock, settings.measurementFollowDays());
    }

    /** First of the completed-run follow-ups: one pass over the run, and the pages that show it read it from then on. */
    @Bean
    @org.springframework.core.annotation.Order(0)
    io.strata.application.prediction.PredictedValueAverages predictedValueAverages(RunPredictions predictions) {
        return new io.strata.application.prediction.PredictedValueAverages(predictions);
    }
}
