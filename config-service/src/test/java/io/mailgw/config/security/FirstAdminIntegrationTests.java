package io.mailgw.config.security;

import io.mailgw.config.ConfigServiceApplication;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Starts the whole service as {@code main} does, against an empty database each time. */
class FirstAdminIntegrationTests {

    @Test
    void refusesToStartWithoutUsersAndWithoutFirstAdmin() {
        assertThatThrownBy(() -> start("config-first-admin-none").close())
                .hasRootCauseInstanceOf(FirstAdminMissingException.class)
                .rootCause().hasMessageContaining("MAILGW_ADMIN_USER").hasMessageContaining("MAILGW_ADMIN_PASSWORD");
    }

    @Test
    void createsFirstAdminOnceAndIgnoresTheVariablesLater() {
        String database = "config-first-admin-once";
        try (ConfigurableApplicationContext first = start(database, "--mailgw.admin.user=boss",
                "--mailgw.admin.password=boss-pass")) {
            assertThat(users(first)).extracting(user -> user.getString("_id")).containsExactly("boss");
        }
        try (ConfigurableApplicationContext second = start(database, "--mailgw.admin.user=other",
                "--mailgw.admin.password=other-pass")) {
            assertThat(users(second)).extracting(user -> user.getString("_id")).containsExactly("boss");
        }
    }

    private static ConfigurableApplicationContext start(String database, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "--server.port=0";
        all[1] = "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers();
        all[2] = "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database);
        all[3] = "--mailgw.secret-key=" + TestInfrastructure.TEST_SECRET_KEY;
        all[4] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 5, args.length);
        return ConfigServiceApplication.application().run(all);
    }

    private static java.util.List<Document> users(ConfigurableApplicationContext context) {
        return context.getBean(MongoOperations.class).getCollection("users").find().into(new java.util.ArrayList<>());
    }
}
