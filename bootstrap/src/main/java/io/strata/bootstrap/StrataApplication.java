package io.strata.bootstrap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Wires the hexagon: the adapters' Spring components and the application's plain-Java services. */
@SpringBootApplication(scanBasePackages = "io.strata")
public class StrataApplication {

    public static void main(String[] args) {
        SpringApplication.run(StrataApplication.class, args);
    }
}
