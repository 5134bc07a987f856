package io.mailgw.model;

import java.time.Clock;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.ConnectGuardProperties;
import io.mailgw.model.secret.LoginSecrets;
import io.mailgw.model.secret.PasswordCipher;
import io.mailgw.model.status.MailboxStatusRecorder;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;

/**
 * Wires the shared documents into every service: their repositories and indexes, the password
 * cipher under {@code mailgw.secret-key} ({@code MAILGW_SECRET_KEY}), the status recorder, a
 * MongoDB health check by {@code ping}, and the guard every mail connection goes through
 * ({@code mailgw.connect-allow}, {@code mailgw.connect-ports}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@EnableMongoRepositories(basePackageClasses = SharedModelAutoConfiguration.class)
@EnableConfigurationProperties(ConnectGuardProperties.class)
public class SharedModelAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordCipher passwordCipher(@Value("${mailgw.secret-key:}") String base64Key) {
        return PasswordCipher.fromBase64Key(base64Key);
    }

    @Bean
    LoginSecrets loginSecrets(PasswordCipher cipher) {
        return new LoginSecrets(cipher);
    }

    @Bean
    MailboxStatusRecorder mailboxStatusRecorder(MongoOperations mongo, Clock clock) {
        return new MailboxStatusRecorder(mongo, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    ConnectGuard connectGuard(ConnectGuardProperties properties) {
        return new ConnectGuard(properties);
    }

    @Bean
    ModelIndexes modelIndexes(MongoOperations mongo) {
        return new ModelIndexes(mongo);
    }

    @Bean
    MailboxShapeMigration mailboxShapeMigration(MongoOperations mongo) {
        return new MailboxShapeMigration(mongo);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean(name = "mongoHealthIndicator")
        HealthIndicator mongoHealthIndicator(MongoOperations mongo) {
            return new MongoPingHealthIndicator(mongo);
        }
    }
}
