package io.mailgw.config.page;

import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

import io.mailgw.config.signin.MailboxSignIn;
import io.mailgw.config.signin.SignInFailedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where the provider sends the admin back after signing in ({@code mailgw.oauth2.redirect-uri}
 * points here): connects the mailbox and shows its form again, saying to which account, or why not.
 */
@Controller
class SignInPage {

    static final String CALLBACK = "/oauth2/callback";

    private final MailboxSignIn signIn;
    private final PageMessages messages;

    SignInPage(MailboxSignIn signIn, PageMessages messages) {
        this.signIn = signIn;
        this.messages = messages;
    }

    @GetMapping(CALLBACK)
    String callback(HttpServletRequest request, HttpServletResponse response, Principal user, Locale locale,
            RedirectAttributes redirect) {
        try {
            Optional<MailboxSignIn.Connected> connected = signIn.finish(request, response, user.getName());
            if (connected.isEmpty()) {
                redirect.addFlashAttribute("alert", messages.text("signIn.unknown", locale));
                return "redirect:/";
            }
            MailboxSignIn.Connected mailbox = connected.get();
            redirect.addFlashAttribute("notice", messages.text("signIn.connected", locale, mailbox.name(),
                    mailbox.account() == null ? messages.text("signIn.accountUnknown", locale) : mailbox.account()));
            return "redirect:/mailboxes/" + mailbox.mailboxId();
        }
        catch (SignInFailedException ex) {
            redirect.addFlashAttribute("alert", messages.text("signIn.failed", locale, ex.getMessage()));
            return "redirect:/mailboxes/" + ex.mailboxId();
        }
    }
}
