package io.mailgw.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.mailgw.localstack.services.GatewayService;
import io.mailgw.localstack.services.ServiceArguments;
import io.mailgw.testing.TestInfrastructure;

/**
 * The three services, started as the local stack starts them, on free ports, against the test
 * Kafka and MongoDB (a database of its own), for tests that drive the gateway end to end: over
 * its REST API, and over Kafka as a foreign workflow engine would.
 */
final class RunningGateway implements AutoCloseable {

    static final String ADMIN = "e2e-admin";
    static final String ADMIN_PASSWORD = "e2e-Admin-Pa55";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<GatewayService> services;
    private final int configServicePort;

    private RunningGateway(List<GatewayService> services, int configServicePort) {
        this.services = services;
        this.configServicePort = configServicePort;
    }

    /**
     * @param extraArguments given to every service, e.g. short retry delays
     */
    static RunningGateway start(String database, String... extraArguments) {
        ServiceArguments common = new ServiceArguments(TestInfrastructure.kafkaBootstrapServers(),
                TestInfrastructure.mongoUri(database), TestInfrastructure.TEST_SECRET_KEY, "127.0.0.0/8", Map.of())
                .and("--mailgw.connect-ports=" + TestInfrastructure.CONNECT_PORTS)
                .and(extraArguments);
        int configPort = freePort();
        List<GatewayService> services = List.of(
                GatewayService.configService(common, configPort, ADMIN, ADMIN_PASSWORD),
                GatewayService.inboundPoller(common, freePort()),
                GatewayService.outboundSender(common, freePort()));
        List<GatewayService> started = new ArrayList<>();
        RunningGateway gateway = new RunningGateway(started, configPort);
        try {
            for (GatewayService service : services) {
                service.start();
                started.add(service);
            }
        }
        catch (RuntimeException ex) {
            gateway.close();
            throw ex;
        }
        return gateway;
    }

    /** Calls config-service's API as the admin; returns status and body. */
    Response api(String method, String path, String json) {
        String token = Base64.getEncoder()
                .encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + configServicePort + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Calls the API and insists on a 2xx answer. */
    String apiOk(String method, String path, String json) {
        Response response = api(method, path, json);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    record Response(int status, String body) {
    }
}
