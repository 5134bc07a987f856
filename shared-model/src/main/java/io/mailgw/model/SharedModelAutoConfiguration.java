package io.mailgw.model;

import java.time.Clock;

import javax.net.ssl.SSLException;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.ConnectGuardProperties;
import io.mailgw.model.oauth.AccessTokens;
import io.mailgw.model.oauth.OAuth2Properties;
import io.mailgw.model.oauth.OAuth2Registrations;
import io.mailgw.model.oauth.OAuth2TokenClients;
import io.mailgw.model.oauth.ProviderEndpoints;
import io.mailgw.model.oauth.SignInExchange;
import io.mailgw.model.oauth.StoredRefreshTokens;
import io.mailgw.model.secret.LoginSecrets;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.secret.SecretReEncryption;
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
 * Wires the shared documents into every service: their repositories, indexes and migrations at
 * start, the secret cipher under {@code mailgw.secret-key} ({@code MAILGW_SECRET_KEY}) and the
 * previous key after a rotation ({@code mailgw.previous-secret-key}, {@code MAILGW_PREVIOUS_SECRET_KEY}),
 * the login secrets with OAuth2 access tokens ({@code mailgw.oauth2.*}), the status recorder, a
 * MongoDB health check by {@code ping}, and the guard every mail and token connection goes through
 * ({@code mailgw.connect-allow}, {@code mailgw.connect-ports}).
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@EnableMongoRepositories(basePackageClasses = SharedModelAutoConfiguration.class)
@EnableConfigurationProperties({ConnectGuardProperties.class, OAuth2Properties.class})
public class SharedModelAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecretCipher secretCipher(@Value("${mailgw.secret-key:}") String base64Key,
            @Value("${mailgw.previous-secret-key:}") String previousBase64Key) {
        return SecretCipher.fromBase64Keys(base64Key, previousBase64Key);
    }

    @Bean
    SecretReEncryption secretReEncryption(MongoOperations mongo, SecretCipher cipher) {
        return new SecretReEncryption(mongo, cipher);
    }

    @Bean
    ProviderEndpoints providerEndpoints(OAuth2Properties properties) {
        return new ProviderEndpoints(properties);
    }

    @Bean
    OAuth2Registrations oauth2Registrations(ProviderEndpoints endpoints, SecretCipher cipher) {
        return new OAuth2Registrations(endpoints, cipher);
    }

    @Bean
    OAuth2TokenClients oauth2TokenClients(ConnectGuard guard, OAuth2Properties properties) throws SSLException {
        return new OAuth2TokenClients(guard, properties);
    }

    @Bean
    SignInExchange signInExchange(OAuth2TokenClients clients) {
        return new SignInExchange(clients);
    }

    @Bean
    StoredRefreshTokens storedRefreshTokens(MongoOperations mongo) {
        return new StoredRefreshTokens(mongo);
    }

    @Bean
    AccessTokens accessTokens(OAuth2TokenClients clients, OAuth2Registrations registrations, ProviderEndpoints endpoints,
            SecretCipher cipher, StoredRefreshTokens storedTokens, OAuth2Properties properties, Clock clock) {
        return new AccessTokens(clients, registrations, endpoints, cipher, storedTokens, properties, clock);
    }

    @Bean
    LoginSecrets loginSecrets(SecretCipher cipher, AccessTokens accessTokens) {
        return new LoginSecrets(cipher, accessTokens);
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
    ModelMigrations modelMigrations(MongoOperations mongo, SecretReEncryption secrets) {
        return new ModelMigrations(mongo, secrets);
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
