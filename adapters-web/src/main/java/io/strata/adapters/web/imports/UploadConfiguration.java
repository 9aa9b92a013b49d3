package io.strata.adapters.web.imports;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Console uploads go to a temporary file (never memory) and may be as large as an API import body; the import itself
 * stops at {@code strata.import.max-body-size} while it streams. Made here rather than in application.yaml so that the
 * limit's default is written once, in {@link ImportSettings}.
 */
@Configuration(proxyBeanMethods = false)
public class UploadConfiguration {

    @Bean
    public MultipartConfigElement multipartConfigElement(ImportSettings imports) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        factory.setMaxFileSize(imports.maxBodySize());
        factory.setMaxRequestSize(DataSize.ofBytes(-1));
        return factory.createMultipartConfig();
    }
}
