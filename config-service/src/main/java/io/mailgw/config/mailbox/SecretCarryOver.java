package io.mailgw.config.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.SecretCipher;

/**
 * Which stored secrets a mailbox keeps when it is replaced without them (CONTRACT §4): a stored
 * secret follows its server, not the form. A password, and an OAuth2 grant's access token, go to
 * the mail server: changing its {@code host}, {@code port} or {@code security}/{@code protocol}
 * keeps none of them. Every OAuth2 secret goes to the token endpoint: changing {@code auth.provider},
 * {@code auth.tenantId} or {@code auth.tokenUri} keeps none of them. A secret that would be kept
 * across such a change is a {@link Refusal}, for the caller to word; the API, the page, the import
 * and the connection test all decide here.
 */
public final class SecretCarryOver {

    private SecretCarryOver() {
    }

    /**
     * @param stored    the mailbox as saved, or {@code null} for a new one
     * @param candidate the mailbox as submitted, its login without secrets
     * @param given     the secrets given now, which the caller adds
     * @return the candidate's login with the stored secrets it keeps, and what may not be kept
     */
    public static Carried carry(Mailbox stored, Mailbox candidate, Set<SecretField> given) {
        MailboxAuth submitted = candidate.auth();
        MailboxAuth auth = submitted;
        List<Refusal> refusals = new ArrayList<>();
        if (stored == null || stored.auth().method() != auth.method()) {
            return new Carried(auth, refusals);
        }
        Optional<String> mailServer = mailServerChange(stored, candidate);
        Optional<String> tokenEndpoint = tokenEndpointChange(stored.auth(), submitted);
        for (SecretField field : submitted.secretFields()) {
            if (given.contains(field) || !stored.auth().hasSecret(field)) {
                continue;
            }
            Optional<String> change = tokenEndpoint.filter(changed -> field != SecretField.PASSWORD)
                    .or(() -> mailServer.filter(changed -> reachesMailServer(submitted, field)));
            if (change.isPresent()) {
                refusals.add(new Refusal(change.get(), field));
            }
            else {
                auth = auth.withSecret(field, stored.auth().secrets().get(field));
            }
        }
        return new Carried(keepSignIn(stored.auth(), auth, given), refusals);
    }

    /**
     * The login with the secrets given now, sealed for mailbox {@code id}; a refresh token given
     * now is connected at {@code now}, to an account not known yet.
     */
    public static MailboxAuth withGiven(MailboxAuth auth, MailboxSubmission submission, String id, SecretCipher cipher,
            Instant now) {
        MailboxAuth sealed = auth;
        for (SecretField field : submission.given()) {
            if (sealed.secretFields().contains(field)) {
                sealed = sealed.withSecret(field, cipher.encrypt(submission.secret(field), id));
            }
        }
        if (sealed instanceof RefreshTokenLogin login && submission.has(SecretField.REFRESH_TOKEN)) {
            sealed = login.connected(login.refreshToken(), null, now);
        }
        return sealed;
    }

    /** Whether the secret, or the access token it buys, is sent to the mail server. */
    private static boolean reachesMailServer(MailboxAuth auth, SecretField field) {
        if (!(auth instanceof OAuth2Login login)) {
            return true;
        }
        return switch (login.grant()) {
            case CLIENT_CREDENTIALS -> field == SecretField.CLIENT_SECRET;
            case REFRESH_TOKEN -> field == SecretField.REFRESH_TOKEN;
            case JWT_BEARER -> field == SecretField.SERVICE_ACCOUNT_KEY;
        };
    }

    /** A kept refresh token keeps the account it was signed in with, and since when. */
    private static MailboxAuth keepSignIn(MailboxAuth stored, MailboxAuth auth, Set<SecretField> given) {
        if (auth instanceof RefreshTokenLogin login && stored instanceof RefreshTokenLogin before
                && login.refreshToken() != null && !given.contains(SecretField.REFRESH_TOKEN)) {
            return login.connected(login.refreshToken(), before.account(), before.connectedAt());
        }
        return auth;
    }

    private static Optional<String> mailServerChange(Mailbox stored, Mailbox candidate) {
        if (!Objects.equals(lower(stored.server().host()), lower(candidate.server().host()))) {
            return Optional.of("host");
        }
        if (!Objects.equals(stored.server().port(), candidate.server().port())) {
            return Optional.of("port");
        }
        if (stored.isInbound() && candidate.isInbound()
                && stored.inbound().protocol() != candidate.inbound().protocol()) {
            return Optional.of("protocol");
        }
        if (stored.isOutbound() && candidate.isOutbound()
                && stored.outbound().security() != candidate.outbound().security()) {
            return Optional.of("security");
        }
        return Optional.empty();
    }

    private static Optional<String> tokenEndpointChange(MailboxAuth stored, MailboxAuth auth) {
        if (!(stored instanceof OAuth2Login before) || !(auth instanceof OAuth2Login after)) {
            return Optional.empty();
        }
        OAuth2Client was = before.client();
        OAuth2Client now = after.client();
        if (was.provider() != now.provider()) {
            return Optional.of("auth.provider");
        }
        if (!Objects.equals(lower(was.tenantId()), lower(now.tenantId()))) {
            return Optional.of("auth.tenantId");
        }
        if (!Objects.equals(was.tokenUri(), now.tokenUri())) {
            return Optional.of("auth.tokenUri");
        }
        return Optional.empty();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param auth     the candidate's login with the secrets it keeps
     * @param refusals the stored secrets that may not follow the change; empty when all is well
     */
    public record Carried(MailboxAuth auth, List<Refusal> refusals) {

        public Carried {
            refusals = List.copyOf(refusals);
        }

        /** The secrets refused, which a validation counts as present: their refusal already names them. */
        public Set<SecretField> refused() {
            return refusals.stream().map(Refusal::secret).collect(Collectors.toSet());
        }
    }

    /**
     * A stored secret that would follow a change of its server.
     *
     * @param changedField the field whose change refuses it, such as {@code host} or {@code auth.tokenUri}
     * @param secret       the secret that must be given again
     */
    public record Refusal(String changedField, SecretField secret) {

        /** The English words of the API: what changed, what to give again, and why. */
        public String message() {
            String again = secret == SecretField.REFRESH_TOKEN
                    ? "sign in again (or give auth.refreshToken)" : "give " + secret.path() + " again";
            return "changed, but the stored " + secret.jsonName() + " is only sent to the server it was saved for: "
                    + again + ", or leave " + changedField + " as it was";
        }
    }
}
