package io.mailgw.model.oauth;

import java.net.URI;

import io.mailgw.model.auth.ClientCredentialsLogin;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderEndpointsTests {

    private final ProviderEndpoints endpoints = new ProviderEndpoints(new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("mailgw.oauth2", OAuth2Properties.class));

    @Test
    void microsoftsEndpointsFollowTheTenantAndItsScopesTheProtocolAndGrant() {
        OAuth2Client contoso = new OAuth2Client(OAuth2Provider.MICROSOFT, "contoso.onmicrosoft.com", "c", null, null,
                null);
        OAuth2Login delegated = new RefreshTokenLogin(contoso, null, null, null);

        assertThat(endpoints.tokenUri(contoso))
                .isEqualTo(URI.create("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
        assertThat(endpoints.authorizationUri(contoso))
                .isEqualTo("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize");
        assertThat(endpoints.scopes(inbox(InboundProtocol.IMAPS), new ClientCredentialsLogin(contoso)))
                .containsExactly("https://outlook.office365.com/.default");
        assertThat(endpoints.scopes(inbox(InboundProtocol.IMAPS), delegated))
                .containsExactly("https://outlook.office365.com/IMAP.AccessAsUser.All", "offline_access");
        assertThat(endpoints.scopes(inbox(InboundProtocol.POP3S), delegated))
                .containsExactly("https://outlook.office365.com/POP.AccessAsUser.All", "offline_access");
        assertThat(endpoints.scopes(outbox(), delegated))
                .containsExactly("https://outlook.office365.com/SMTP.Send", "offline_access");
        assertThat(endpoints.signInScopes(outbox(), delegated)).contains("openid", "email", "offline_access");
        assertThat(ProviderEndpoints.offersSignIn(delegated)).isTrue();
    }

    @Test
    void googleHasOneMailScopeAndAsksForOfflineAccessWhenSigningIn() {
        OAuth2Client google = new OAuth2Client(OAuth2Provider.GOOGLE, null, "c", null, null, null);
        RefreshTokenLogin delegated = new RefreshTokenLogin(google, null, null, null);

        assertThat(endpoints.tokenUri(google)).isEqualTo(URI.create("https://oauth2.googleapis.com/token"));
        assertThat(endpoints.scopes(outbox(), delegated)).containsExactly("https://mail.google.com/");
        assertThat(ProviderEndpoints.signInParameters(OAuth2Provider.GOOGLE))
                .containsEntry("access_type", "offline").containsEntry("prompt", "consent");
    }

    @Test
    void aMailboxsOwnTokenUriAndScopeWinOverThePresetAndAnyOtherProviderHasNoSignIn() {
        OAuth2Client own = new OAuth2Client(OAuth2Provider.MICROSOFT, "t", "c", null, "https://login.example/t/token",
                "https://outlook.office365.com/IMAP.AccessAsUser.All");
        OAuth2Client generic = new OAuth2Client(OAuth2Provider.GENERIC, null, "c", null, "https://idp.example/token",
                "mail offline_access");

        assertThat(endpoints.tokenUri(own)).isEqualTo(URI.create("https://login.example/t/token"));
        assertThat(endpoints.scopes(outbox(), new ClientCredentialsLogin(own)))
                .containsExactly("https://outlook.office365.com/IMAP.AccessAsUser.All");
        assertThat(endpoints.scopes(outbox(), new ClientCredentialsLogin(generic))).containsExactly("mail",
                "offline_access");
        assertThat(ProviderEndpoints.offersSignIn(new RefreshTokenLogin(generic, null, null, null))).isFalse();
    }

    private static Mailbox inbox(InboundProtocol protocol) {
        return Mailbox.builder().type(MailboxType.INBOUND).protocol(protocol).build();
    }

    private static Mailbox outbox() {
        return Mailbox.builder().type(MailboxType.OUTBOUND).build();
    }
}
