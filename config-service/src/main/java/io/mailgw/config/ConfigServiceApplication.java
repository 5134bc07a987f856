package io.mailgw.config;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The config service (port 8080): the REST API of mailboxes, contracts and settings; its settings file is {@code config-service.properties}. */
@SpringBootApplication
@EnableConfigurationProperties(ConfigServiceProperties.class)
public class ConfigServiceApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConfigServiceApplication.class)
                .properties("spring.config.name=config-service");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
