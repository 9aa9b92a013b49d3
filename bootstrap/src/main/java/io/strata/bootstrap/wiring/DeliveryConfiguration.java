package io.strata.bootstrap.wiring;

import io.strata.adapters.delivery.ConfiguredDestination;
import io.strata.adapters.delivery.HttpDeliveryWebhook;
import io.strata.bootstrap.settings.DispatchSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The outbound webhook adapter knows no Spring settings: it gets plain values from {@link DispatchSettings} here. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    ConfiguredDestination configuredDestination(DispatchSettings dispatch) {
        return new ConfiguredDestination(dispatch.webhookUrl(), dispatch.webhookSecret(), dispatch.allowPlainHttp());
    }

    @Bean
    HttpDeliveryWebhook httpDeliveryWebhook(DispatchSettings dispatch, Clock clock) {
        return new HttpDeliveryWebhook(dispatch.webhookConnectTimeout(), dispatch.webhookReadTimeout(), clock);
    }
}
