package io.strata.bootstrap.download;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.web.download.DownloadSlots;
import io.strata.adapters.web.download.TimeLimitCut;
import io.strata.bootstrap.settings.DownloadSettings;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A download is a {@code StreamingResponseBody}, written on Spring MVC's async executor, and an asynchronous answer
 * ends when MVC's async timeout does: without one set, Tomcat's default of 30 seconds cut every download that took longer,
 * and ended it as a whole file (docs/architecture.md, "Downloads as long as they take"). The limit is
 * {@code strata.downloads.time-limit}, kept by {@link TimeLimitCut}; MVC's own timeout comes a minute after it. Strata
 * has no other asynchronous answer.
 *
 * <p>Also the node's cap of downloads under way at once ({@code strata.downloads.at-once}, {@link DownloadSlots}, an
 * interceptor of every handler that answers a download): each holds a pooled connection as long as it lasts, so the cap
 * keeps connections of the pool for everything else (docs/architecture.md, "Downloads at once").
 */
@Configuration(proxyBeanMethods = false)
public class DownloadTimeLimit implements WebMvcConfigurer {

    private final TimeLimitCut limit;
    private final DownloadSlots slots;

    public DownloadTimeLimit(DownloadSettings settings, DatabaseSettings database) {
        this.limit = new TimeLimitCut(settings.timeLimit(), DownloadSettings.TIME_LIMIT.variable() + " (" + DownloadSettings.TIME_LIMIT.key() + ")");
        this.slots = new DownloadSlots(settings.atOnce(database.poolSize()));
        LoggerFactory.getLogger(DownloadTimeLimit.class).info("Downloads at once on this node: {} of the pool's {} connections"
                + " (strata.downloads.at-once)", slots.atOnce(), database.poolSize());
    }

    /** The limit CsvDownload keeps as it writes. */
    @Bean
    TimeLimitCut downloadTimeLimitCut() {
        return limit;
    }

    /** The node's download slots, for what reads how many are under way. */
    @Bean
    DownloadSlots downloadSlots() {
        return slots;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(limit.asyncTimeout().toMillis());
        configurer.registerCallableInterceptors(limit);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(slots);
    }
}
