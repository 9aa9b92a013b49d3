package io.strata.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Wires the hexagon: the adapters' Spring components and the application's plain-Java services. */
@SpringBootApplication(scanBasePackages = "io.strata")
// settings are records of the adapters and of the bootstrap (the application knows no Spring): strata.* keys
@ConfigurationPropertiesScan("io.strata")
public class StrataApplication {

    public static void main(String[] args) {
        SpringApplication.run(StrataApplication.class, args);
    }
}
