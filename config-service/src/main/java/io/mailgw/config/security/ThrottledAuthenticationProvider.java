package io.mailgw.config.security;

import java.util.Optional;

import io.mailgw.config.audit.AuditLog;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every sign-in, by the admin page's form or the API's HTTP Basic, passes here: refused at once
 * while its address and user name must wait ({@link LoginThrottle}), else checked against the
 * users; a failure is counted and audited, and so is the start of each slow-down.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_AUDITED_NAME = 64;

    private final AuthenticationProvider users;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(AuthenticationProvider users, LoginThrottle throttle, AuditLog audit) {
        this.users = users;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String address = addressOf(attempt);
        String user = attempt.getName();
        Optional<java.time.Duration> wait = throttle.waitFor(address, user);
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
        try {
            Authentication authenticated = users.authenticate(attempt);
            throttle.succeeded(address, user);
            return authenticated;
        }
        catch (InternalAuthenticationServiceException ex) {
            throw ex;
        }
        catch (AuthenticationException ex) {
            boolean slowed = throttle.failed(address, user);
            audit.loginFailed(auditedName(user), address, slowed);
            throw ex;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return users.supports(authentication);
    }

    private static String addressOf(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    /** A user name as typed may be anything; the audit keeps a bounded, one-line form of it. */
    private static String auditedName(String user) {
        String flat = user == null ? "" : user.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > MAX_AUDITED_NAME ? flat.substring(0, MAX_AUDITED_NAME) + "…" : flat;
    }
}
