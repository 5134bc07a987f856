package io.mailgw.config.signin;

import java.util.Map;
import java.util.Optional;

import io.mailgw.config.mailbox.MailboxEditor;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.oauth.OAuth2Properties;
import io.mailgw.model.oauth.OAuth2Registrations;
import io.mailgw.model.oauth.ProviderEndpoints;
import io.mailgw.model.oauth.SignInExchange;
import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Component;

/**
 * Signing in for a saved delegated mailbox, with Spring Security's OAuth2 client pieces: the
 * authorization request (state, PKCE S256, OpenID nonce) is built for the mailbox's provider and
 * kept in the admin's session; the provider's answer must bring that state back to the same
 * session, and its code is exchanged for a refresh token that replaces the stored one. The redirect
 * URI is {@code mailgw.oauth2.redirect-uri}.
 */
@Component
public class MailboxSignIn {

    private static final Logger log = LoggerFactory.getLogger(MailboxSignIn.class);

    private final OAuth2Registrations registrations;
    private final SignInExchange exchange;
    private final MailboxEditor editor;
    private final OAuth2Properties properties;
    private final HttpSessionOAuth2AuthorizationRequestRepository requests =
            new HttpSessionOAuth2AuthorizationRequestRepository();

    MailboxSignIn(OAuth2Registrations registrations, SignInExchange exchange, MailboxEditor editor,
            OAuth2Properties properties) {
        this.registrations = registrations;
        this.exchange = exchange;
        this.editor = editor;
        this.properties = properties;
    }

    /** Whether the mailbox is one an admin signs in for: delegated, with Microsoft or Google. */
    public static boolean offered(Mailbox mailbox) {
        return mailbox.auth() instanceof OAuth2Login login && ProviderEndpoints.offersSignIn(login);
    }

    /**
     * Starts signing in: keeps the authorization request in the session and returns where to send
     * the browser, the provider's sign-in page.
     *
     * @throws MessagingException when the mailbox's client secret cannot be decrypted
     */
    public String start(Mailbox saved, HttpServletRequest request, HttpServletResponse response)
            throws MessagingException {
        OAuth2Login login = (OAuth2Login) saved.auth();
        ClientRegistration registration = registrations.forSignIn(saved, login, properties.redirectUri());
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                id -> registration, "/oauth2/sign-in");
        Map<String, Object> parameters = ProviderEndpoints.signInParameters(login.client().provider());
        resolver.setAuthorizationRequestCustomizer(builder -> builder.additionalParameters(
                additional -> additional.putAll(parameters)));
        OAuth2AuthorizationRequest authorization = resolver.resolve(request, saved.id());
        requests.saveAuthorizationRequest(authorization, request, response);
        log.info("Signing in for {} started at {}", saved.describe(), registration.getProviderDetails().getAuthorizationUri());
        return authorization.getAuthorizationRequestUri();
    }

    /**
     * Finishes signing in with the provider's answer to this session's request.
     *
     * @param actor the signed-in admin, for the audit log
     * @return the mailbox connected; empty when this session started no sign-in (or it was used)
     * @throws SignInFailedException in plain words, never a secret
     */
    public Optional<Connected> finish(HttpServletRequest request, HttpServletResponse response, String actor) {
        OAuth2AuthorizationRequest authorization = requests.removeAuthorizationRequest(request, response);
        if (authorization == null) {
            return Optional.empty();
        }
        String mailboxId = authorization.getAttribute(OAuth2ParameterNames.REGISTRATION_ID);
        Mailbox stored = editor.find(mailboxId);
        String error = request.getParameter(OAuth2ParameterNames.ERROR);
        if (error != null) {
            throw new SignInFailedException(mailboxId, "the provider answered " + error + oneLine(
                    request.getParameter(OAuth2ParameterNames.ERROR_DESCRIPTION)));
        }
        if (!offered(stored)) {
            throw new SignInFailedException(mailboxId, "the mailbox no longer signs in with a refresh token");
        }
        try {
            ClientRegistration registration = registrations.forSignIn(stored, (OAuth2Login) stored.auth(),
                    properties.redirectUri());
            if (!registration.getClientId().equals(authorization.getClientId())) {
                throw new SignInFailedException(mailboxId, "the mailbox's client id changed while signing in");
            }
            OAuth2AuthorizationResponse answer = OAuth2AuthorizationResponse
                    .success(String.valueOf(request.getParameter(OAuth2ParameterNames.CODE)))
                    .redirectUri(authorization.getRedirectUri())
                    .state(request.getParameter(OAuth2ParameterNames.STATE)).build();
            SignInExchange.Connected connected = exchange.exchange(registration, authorization, answer);
            Mailbox saved = editor.connect(stored, connected.refreshToken(), connected.account(), actor);
            log.info("{} is connected to account {} by {}", saved.describe(), connected.account(), actor);
            return Optional.of(new Connected(saved.id(), saved.name(), connected.account()));
        }
        catch (MessagingException ex) {
            throw new SignInFailedException(mailboxId, ex.getMessage());
        }
    }

    private static String oneLine(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        String flat = description.replaceAll("\\s+", " ").trim();
        return " (" + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat) + ")";
    }

    /**
     * @param account as the provider named it; {@code null} when it named none
     */
    public record Connected(String mailboxId, String name, String account) {
    }
}
