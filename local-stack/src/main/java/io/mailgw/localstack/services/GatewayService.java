package io.mailgw.localstack.services;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.mailgw.config.ConfigServiceApplication;
import io.mailgw.inbound.InboundPollerApplication;
import io.mailgw.localstack.StackPart;
import io.mailgw.outbound.OutboundSenderApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One gateway service as a Spring Boot context of this JVM, built by the service's own
 * {@code application()} and so reading its own properties file. What the local stack decides
 * (servers, port, key) is given as command-line arguments, which win over that file and over
 * environment variables. The local stack closes the context itself, in its stop order, so the
 * context registers no shutdown hook of its own.
 */
public final class GatewayService implements StackPart {

    private final String name;
    private final int port;
    private final Class<?> mainClass;
    private final Supplier<SpringApplicationBuilder> application;
    private final List<String> arguments;
    private ConfigurableApplicationContext context;

    private GatewayService(String name, int port, Class<?> mainClass, Supplier<SpringApplicationBuilder> application,
            List<String> arguments) {
        this.name = name;
        this.port = port;
        this.mainClass = mainClass;
        this.application = application;
        this.arguments = List.copyOf(arguments);
    }

    /**
     * @param adminUser     the first admin of the local run
     * @param adminPassword its password, handed to config-service only
     */
    public static GatewayService configService(ServiceArguments common, int port, String adminUser,
            String adminPassword) {
        List<String> arguments = new ArrayList<>(common.forPort(port));
        arguments.add("--mailgw.admin.user=" + adminUser);
        arguments.add("--mailgw.admin.password=" + adminPassword);
        return new GatewayService("config-service", port, ConfigServiceApplication.class,
                ConfigServiceApplication::application, arguments);
    }

    public static GatewayService inboundPoller(ServiceArguments common, int port) {
        return new GatewayService("inbound-poller", port, InboundPollerApplication.class,
                InboundPollerApplication::application, common.forPort(port));
    }

    public static GatewayService outboundSender(ServiceArguments common, int port) {
        return new GatewayService("outbound-sender", port, OutboundSenderApplication.class,
                OutboundSenderApplication::application, common.forPort(port));
    }

    @Override
    public String description() {
        return name + " on port " + port;
    }

    @Override
    public void start() {
        context = application.get()
                .main(mainClass)
                .registerShutdownHook(false)
                .run(arguments.toArray(String[]::new));
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
