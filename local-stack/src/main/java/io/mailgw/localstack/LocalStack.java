package io.mailgw.localstack;

import java.io.IOException;
import java.time.Clock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The gateway's embedded default, the README's run command: in this one JVM, a KRaft Kafka
 * broker, a MongoDB wire-protocol server and a demo mail server, the demo seed, then
 * config-service, inbound-poller and outbound-sender as separate Spring contexts. Its own context
 * has no auto-configuration: it only binds {@link LocalStackProperties} (file
 * {@code local-stack.properties}) and runs the {@link StackLauncher}; Ctrl-C closes it, which
 * stops everything in reverse order.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(LocalStackProperties.class)
public class LocalStack {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(LocalStack.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=local-stack");
    }

    /**
     * Runs until Ctrl-C. When a part cannot start, what had started is stopped, Spring Boot logs
     * why, and the process ends with status 1 rather than waiting on a thread a library left behind.
     */
    public static void main(String[] args) {
        try {
            application().run(args);
        }
        catch (RuntimeException ex) {
            System.exit(1);
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    StackLauncher stackLauncher(LocalStackProperties properties, Environment environment, Clock clock)
            throws IOException {
        StackAssembly assembly = new StackAssembly(properties, environment, clock);
        return new StackLauncher(assembly.parts(), assembly.readyReport(System.out), properties.stopTimeout(), clock);
    }
}
