package io.strata.adapters.web.campaign;

import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.DeliveryWebhook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs delivery batches as JSON to {@code strata.dispatch.webhook-url} (empty: off) with the JDK's HttpClient. Any
 * answer but 2xx, and any I/O error, is a failed attempt; the relay retries. The URL is read at every dispatch, so it
 * can be changed at run time ({@link #useTarget}). Each delivery carries its {@code deliveryId}, so a receiver can
 * drop duplicates when a retry repeats a batch it had in fact taken.
 */
@Component
public class HttpDeliveryWebhook implements DeliveryWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<URI> target = new AtomicReference<>();

    public HttpDeliveryWebhook(@Value("${strata.dispatch.webhook-url:}") String url) {
        useTarget(url);
    }

    /** Points the webhook at another URL; null or blank switches it off. */
    public void useTarget(String url) {
        if (url == null || url.isBlank()) {
            target.set(null);
            return;
        }
        URI uri = URI.create(url.strip());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("strata.dispatch.webhook-url must be an http or https URL, not " + url);
        }
        target.set(uri);
    }

    @Override
    public Optional<URI> target() {
        return Optional.ofNullable(target.get());
    }

    @Override
    public void post(URI uri, long campaignId, List<Delivery> batch) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload(campaignId, batch)))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryFailed("could not reach " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while posting to " + uri);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new DeliveryFailed("HTTP " + response.statusCode() + " from " + uri + (body.isBlank() ? "" : ": " + body.substring(0, Math.min(200, body.length()))));
        }
    }

    private static Map<String, Object> payload(long campaignId, List<Delivery> batch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", campaignId);
        body.put("deliveries", batch.stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("deliveryId", d.deliveryId());
            row.put("customerId", d.customerId());
            row.put("email", d.email());
            row.put("phone", d.phone());
            row.put("channel", d.channel().key());
            row.put("content", d.content());
            row.put("discountPercent", d.discountPercent());
            row.put("tacticalSegmentId", CampaignBodies.tacticalSegmentId(d.actionList()));
            return row;
        }).toList());
        return body;
    }
}
