package io.strata.adapters.delivery;

import io.strata.application.campaign.DeliveryFailed;
import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.port.out.DeliveryWebhook;
import io.strata.application.campaign.Destination;
import io.strata.application.campaign.WebhookMessage;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs a message of deliveries as JSON to its destination with the JDK's HttpClient, signed as Standard Webhooks says
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}). An attempt is bounded: connecting by
 * {@code strata.dispatch.webhook-connect-timeout}, the whole answer by {@code strata.dispatch.webhook-read-timeout}
 * after that. Any answer but 2xx, a timeout and any I/O error is a failed attempt; the relay retries. Each delivery
 * carries its {@code deliveryId}, so a receiver can drop duplicates when a retry repeats a batch it had in fact taken.
 * Made by the bootstrap from its settings.
 */
public class HttpDeliveryWebhook implements DeliveryWebhook {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Clock clock;

    public HttpDeliveryWebhook(Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void post(Destination destination, WebhookMessage message) {
        URI uri = destination.url();
        byte[] body = JSON.writeValueAsBytes(payload(message));
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("webhook-id", message.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.of(destination.secret()).sign(message.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = answer(uri, http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new DeliveryFailed("HTTP " + response.statusCode() + " from " + uri
                    + (answer.isBlank() ? "" : ": " + io.strata.domain.text.PlainText.cut(answer, 200)));
        }
    }

    /** Waits for the whole answer at most connect + read timeout, so a receiver that trickles its body cannot hold the relay. */
    private HttpResponse<String> answer(URI uri, CompletableFuture<HttpResponse<String>> sent) {
        try {
            return sent.get(connectTimeout.plus(readTimeout).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw timedOut(uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new DeliveryFailed("timed out: could not connect to " + uri + " within " + seconds(connectTimeout));
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(uri);
            }
            throw failed("could not reach " + uri + ": ", cause);
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while posting to " + uri);
        }
    }

    /**
     * The failed attempt: its reason in the product's words, and for the log the client's own words (an I/O failure,
     * which the network is expected to have) or, for a failure of any other type, the exception itself, whose trace the
     * relay logs once per batch. Until session 60 every I/O failure but a refused connection was logged here with its
     * trace, at every attempt: a receiver down for an hour filled the log.
     */
    static DeliveryFailed failed(String before, Throwable cause) {
        String reason = reason(cause);
        return cause instanceof java.io.IOException ? new DeliveryFailed(before + reason, String.valueOf(cause))
                : new DeliveryFailed(before + reason, cause);
    }

    /**
     * Why the connection failed, in words: the reason is shown to planners in the deliveries download, and a
     * ConnectException's text is only its class name ("java.net.ConnectException").
     */
    static String reason(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "the connection was refused (is the receiver running and listening on that port?)";
        }
        if (cause instanceof java.net.UnknownHostException || cause instanceof java.nio.channels.UnresolvedAddressException) {
            return "the host name is unknown";
        }
        if (cause instanceof javax.net.ssl.SSLException) {
            return "the TLS handshake failed (check the receiver's certificate)";
        }
        // the JDK's own words ("HTTP/1.1 header parser received no bytes", "Connection reset") are no reason for a planner
        // (said until session 59): they go to the log in the relay's line of the attempt, the deliveries get the product's words
        if (cause instanceof java.io.IOException) {
            return "the receiver closed the connection without a whole HTTP answer (is an HTTP server listening on that port, and does it"
                    + " stay up while it reads the request?)";
        }
        return "the attempt failed on Strata's side (the reason is in the log of the node that sent it)";
    }

    private DeliveryFailed timedOut(URI uri) {
        return new DeliveryFailed("timed out: no answer from " + uri + " within " + seconds(readTimeout));
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }

    private static Map<String, Object> payload(WebhookMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", message.campaignId());
        body.put("deliveries", message.deliveries().stream().map(HttpDeliveryWebhook::row).toList());
        return body;
    }

    private static Map<String, Object> row(Delivery d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("deliveryId", d.deliveryId());
        row.put("customerId", d.customerId());
        row.put("email", d.email());
        row.put("phone", d.phone());
        row.put("channel", d.channel().key());
        row.put("content", d.content());
        row.put("discountPercent", d.discountPercent());
        row.put("tacticalSegmentId", d.actionList().tacticalSegment().orElse(null));
        return row;
    }
}
