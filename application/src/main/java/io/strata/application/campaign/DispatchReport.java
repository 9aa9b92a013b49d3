package io.strata.application.campaign;

public record DispatchReport(long campaignId, boolean webhookConfigured, long queued, DeliveryCounts deliveries) {
}
