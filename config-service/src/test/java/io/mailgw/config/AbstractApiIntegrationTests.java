package io.mailgw.config;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The whole service on a random port, called over HTTP by {@link #admin}, who signs in as the first
 * admin the properties name ({@code admin} / {@code admin-pass} unless a test class sets others with
 * {@code @TestPropertySource}). Each subclass points the service at a database of its own with
 * {@code TestInfrastructure.register} in a {@code @DynamicPropertySource}, so that test classes do
 * not see each other's data.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"spring.config.name=config-service",
        "mailgw.admin.user=admin", "mailgw.admin.password=admin-pass"})
public abstract class AbstractApiIntegrationTests {

    @LocalServerPort
    protected int port;

    @Value("${mailgw.admin.user}")
    private String adminUser;

    @Value("${mailgw.admin.password}")
    private String adminPassword;

    protected ApiClient admin;

    @BeforeEach
    void signInAsFirstAdmin() {
        admin = ApiClient.as(port, adminUser, adminPassword);
    }
}
