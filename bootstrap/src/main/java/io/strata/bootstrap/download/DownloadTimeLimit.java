package io.strata.bootstrap.download;

import io.strata.adapters.web.download.TimeLimitCut;
import io.strata.bootstrap.settings.DownloadSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A CSV download is a {@code StreamingResponseBody}, written on Spring MVC's async executor, and an asynchronous answer
 * ends when MVC's async timeout does: without one set, Tomcat's default of 30 seconds cut every download that took longer,
 * and ended it as a whole file (docs/architecture.md, "Downloads as long as they take"). The limit is
 * {@code strata.downloads.time-limit}, kept by {@link TimeLimitCut}; MVC's own timeout comes a minute after it. Strata
 * has no other asynchronous answer.
 */
@Configuration(proxyBeanMethods = false)
public class DownloadTimeLimit implements WebMvcConfigurer {

    private final TimeLimitCut limit;

    public DownloadTimeLimit(DownloadSettings settings) {
        this.limit = new TimeLimitCut(settings.timeLimit(), DownloadSettings.TIME_LIMIT.variable() + " (" + DownloadSettings.TIME_LIMIT.key() + ")");
    }

    /** The limit CsvDownload keeps as it writes. */
    @Bean
    TimeLimitCut downloadTimeLimitCut() {
        return limit;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(limit.asyncTimeout().toMillis());
        configurer.registerCallableInterceptors(limit);
    }
}
