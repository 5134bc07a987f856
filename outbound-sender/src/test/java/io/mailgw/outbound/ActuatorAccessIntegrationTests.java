package io.mailgw.outbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender's actuator: health and its probes are open; metrics (which name outboxes) and the
 * rest take a config-service user with role ADMIN; Kafka and MongoDB are in its readiness.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=outbound-sender")
class ActuatorAccessIntegrationTests {

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-actuator");

    @LocalServerPort
    int port;

    @Autowired
    MongoOperations mongo;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-actuator");
    }

    @BeforeEach
    void users() {
        mongo.dropCollection("users");
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("admin-Pa55");
        mongo.insert(new Document("_id", "ops").append("passwordHash", hash).append("roles", List.of("ADMIN"))
                .append("enabled", true), "users");
        mongo.insert(new Document("_id", "viewer").append("passwordHash", hash).append("roles", List.of("VIEWER"))
                .append("enabled", true), "users");
    }

    @Test
    void healthAndItsProbesAreOpenWithKafkaAndMongoInReadiness() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> detailed = get("/actuator/health/readiness", "ops:admin-Pa55");
        assertThat(detailed.body()).contains("\"kafka\"", "\"mongo\"", "\"brokers\"");
    }

    @Test
    void metricsTakeAnAdminOfTheConfigService() throws Exception {
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "ops:wrong").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "viewer:admin-Pa55").statusCode()).isEqualTo(403);
        HttpResponse<String> prometheus = get("/actuator/prometheus", "ops:admin-Pa55");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("mailgw_outbound_deliveries_total");
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
