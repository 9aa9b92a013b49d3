package io.strata.bootstrap.campaign;

import io.strata.adapters.delivery.ConfiguredDestination;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which webhook settings are taken, and what a refused one says. */
class WebhookSettingsTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void anHttpsUrlWithASecretIsTheDestinationOfEveryCampaign() {
        ConfiguredDestination configured = new ConfiguredDestination("https://crm.example.com/hooks/strata", SECRET, false);

        assertThat(configured.destinationOf(7)).hasValueSatisfying(d -> assertThat(d.url()).isEqualTo(URI.create("https://crm.example.com/hooks/strata")));
    }

    @Test
    void plainHttpIsTakenToTheLoopbackOnly() {
        for (String local : new String[] {"http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:9000/hook", "http://127.0.0.2/hook"}) {
            assertThat(new ConfiguredDestination(local, SECRET, false).destinationOf(1)).as(local).isPresent();
        }
        for (String remote : new String[] {"http://crm.example.com/hook", "http://10.0.0.5/hook", "http://127.0.0.1.example.com/hook"}) {
            assertThatThrownBy(() -> new ConfiguredDestination(remote, SECRET, false)).as(remote)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is plain http to")
                    .hasMessageContaining("Use an https URL, or set STRATA_DISPATCH_ALLOW_PLAIN_HTTP=true");
        }
    }

    @Test
    void plainHttpToAnotherHostIsTakenWhenExplicitlyAllowed() {
        assertThat(new ConfiguredDestination("http://crm.example.com/hook", SECRET, true).destinationOf(1)).isPresent();
    }

    @Test
    void aUrlWithoutASecretIsRefusedSayingHowToMakeOne() {
        assertThatThrownBy(() -> new ConfiguredDestination("https://crm.example.com/hook", "", false))
                .hasMessageContaining("STRATA_DISPATCH_WEBHOOK_SECRET is not")
                .hasMessageContaining("echo whsec_$(openssl rand -base64 32)");
    }

    @Test
    void aSecretIsWhsecAndBase64OrBase64AloneAndHoldsAtLeast24Bytes() {
        assertThat(new ConfiguredDestination("https://h.example.com/", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false).destinationOf(1)).isPresent();
        assertThatThrownBy(() -> new ConfiguredDestination("", "whsec_not base64!", false))
                .hasMessageStartingWith("STRATA_DISPATCH_WEBHOOK_SECRET is not 'whsec_' followed by base64")
                .hasMessageNotContaining("not base64!")
                // the JDK's words, which named a character of the secret, are not passed on (session 59)
                .hasMessageNotContaining("Illegal").hasMessageNotContaining("character 20")
                .hasMessageContaining("it holds a character base64 does not use (A-Z, a-z, 0-9, + and /, with = only at the end)");
        // a cut secret holds no foreign character: it is told its length is wrong (the JDK's "Last unit does not have enough valid bits")
        assertThatThrownBy(() -> new ConfiguredDestination("", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwa", false))
                .hasMessageStartingWith("STRATA_DISPATCH_WEBHOOK_SECRET is not 'whsec_' followed by base64")
                .hasMessageContaining("its length is not base64's (groups of 4 characters, the last one filled up with =)")
                .hasMessageNotContaining("Last unit").hasMessageNotContaining("MfKQ");
        // 18 bytes
        assertThatThrownBy(() -> new ConfiguredDestination("", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZI", false))
                .hasMessageContaining("holds a key of 18 bytes; it needs at least 24");
    }

    @Test
    void noUrlMeansNoWebhook() {
        assertThat(new ConfiguredDestination("", "", false).destinationOf(1)).isEmpty();
    }
}
