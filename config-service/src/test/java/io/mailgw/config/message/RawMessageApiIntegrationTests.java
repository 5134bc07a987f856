package io.mailgw.config.message;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.gridfs.GridFsOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The raw-message endpoint over a GridFS file laid out as the inbound poller writes it. */
class RawMessageApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String EVENT = "mbx-raw:1700000000:42";
    private static final String PATH = "/api/v1/mailboxes/mbx-raw/messages/" + EVENT + "/raw";
    private static final byte[] RAW = ("From: Ana <ana@cliente.example>\r\nSubject: No funciona la impresora\r\n\r\n"
            + "La impresora del segundo piso no imprime.\r\n").getBytes(StandardCharsets.UTF_8);

    @Autowired
    private GridFsOperations gridFs;

    @Autowired
    private MongoOperations mongo;

    @Autowired
    private PasswordEncoder passwordEncoder;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-raw-messages");
    }

    @BeforeEach
    void aReceivedMessage() {
        mongo.dropCollection("fs.files");
        mongo.dropCollection("fs.chunks");
        gridFs.store(new ByteArrayInputStream(RAW), EVENT + "/raw.eml", "message/rfc822",
                new Document("kind", "raw").append("eventId", EVENT).append("mailboxId", "mbx-raw"));
    }

    @Test
    void anAdminGetsTheRawMessageAsRfc822ByteForByte() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + PATH)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString("admin:admin-pass".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("message/rfc822");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"mbx-raw_1700000000_42.eml\"");
        assertThat(response.body()).isEqualTo(RAW);
    }

    @Test
    void aViewerMayNotReadMessages() {
        mongo.save(new ApiUser("viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER), true,
                Instant.now()));

        Response response = ApiClient.as(port, "viewer", "viewer-pass").get(PATH);

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void aMessageThatIsGoneOrOfAnotherMailboxIsNotFound() {
        Response gone = admin.get("/api/v1/mailboxes/mbx-raw/messages/mbx-raw:1700000000:43/raw");
        Response elsewhere = admin.get("/api/v1/mailboxes/mbx-other/messages/" + EVENT + "/raw");

        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/problem+json");
        assertThat(elsewhere.status()).isEqualTo(404);
    }
}
