package io.mailgw.config.page;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.mailgw.config.delivery.DeadLettersUnreadableException;
import io.mailgw.config.delivery.DeliveryFilter;
import io.mailgw.config.delivery.DeliveryLog;
import io.mailgw.config.delivery.DeliveryRedriver;
import io.mailgw.config.delivery.RedriveOutcome;
import io.mailgw.config.delivery.RedriveRequest;
import io.mailgw.config.web.Violations;
import io.mailgw.model.delivery.DeliveryState;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Envíos": the delivery log with its filters (contract, outbox, state, since), page by page, each
 * request's state in words, and for an admin the re-drive of one failed request or of every failed
 * request of the outbox filtered by. The re-drive goes through {@link DeliveryRedriver}, as the API's does.
 */
@Controller
class DeliveryPages {

    static final String PATH = "/deliveries";

    /** The form's {@code datetime-local} value: minutes, UTC (the page says so). */
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    private final DeliveryLog deliveries;
    private final DeliveryRedriver redriver;
    private final PageChoices choices;
    private final PageMessages messages;

    DeliveryPages(DeliveryLog deliveries, DeliveryRedriver redriver, PageChoices choices, PageMessages messages) {
        this.deliveries = deliveries;
        this.redriver = redriver;
        this.choices = choices;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String list(@RequestParam(required = false) String contractId, @RequestParam(required = false) String outboxId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "0") String page, Locale locale, Model model) {
        Filter filter = Filter.of(contractId, outboxId, status, since, page);
        Violations violations = new Violations();
        DeliveryFilter query = DeliveryFilter.parse(filter.contractId(), filter.outboxId(),
                filter.status() == null ? null : List.of(filter.status()), filter.sinceInstant(), violations);
        if (!violations.isEmpty()) {
            model.addAttribute("errors", messages.byField(violations.list(), locale));
            query = DeliveryFilter.ANY;
        }
        DeliveryLog.Page found = deliveries.page(query, filter.page(), DeliveryLog.DEFAULT_SIZE);
        model.addAttribute("rows", found.records().stream().map(DeliveryRow::of).toList());
        model.addAttribute("filter", filter);
        model.addAttribute("found", found);
        model.addAttribute("previousPage", filter.page() > 0 ? filter.link(filter.page() - 1) : null);
        model.addAttribute("nextPage", filter.page() + 1 < found.totalPages() ? filter.link(filter.page() + 1) : null);
        model.addAttribute("states", DeliveryState.values());
        model.addAttribute("contracts", choices.contracts());
        model.addAttribute("outboxes", choices.outboxes());
        return "deliveries";
    }

    /** "Reenviar": one request by its id, or every failed request of an outbox; back to the same view. */
    @PostMapping(PATH + "/redrive")
    String redrive(@RequestParam(required = false) String requestId,
            @RequestParam(required = false) String redriveOutbox, @RequestParam(required = false) String contractId,
            @RequestParam(required = false) String outboxId, @RequestParam(required = false) String status,
            @RequestParam(required = false) String since, @RequestParam(defaultValue = "0") String page,
            Principal user, Locale locale, RedirectAttributes redirect) {
        Filter back = Filter.of(contractId, outboxId, status, since, page);
        if (isBlank(redriveOutbox) && isBlank(requestId)) {
            return "redirect:" + back.link(back.page());
        }
        RedriveRequest request = !isBlank(redriveOutbox) ? RedriveRequest.ofOutbox(redriveOutbox.trim())
                : RedriveRequest.ofRequestIds(List.of(requestId.trim()));
        try {
            RedriveOutcome outcome = redriver.redrive(request, user.getName());
            redirect.addFlashAttribute(outcome.redriven() > 0 ? "notice" : "alert", say(outcome, locale));
        }
        catch (DeadLettersUnreadableException ex) {
            redirect.addFlashAttribute("alert", messages.text("deliveries.redrive.unreadable", locale));
        }
        return "redirect:" + back.link(back.page());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private String say(RedriveOutcome outcome, Locale locale) {
        List<String> parts = new ArrayList<>();
        parts.add(messages.text("deliveries.redrive.done", locale, outcome.redriven()));
        addIfAny(parts, "deliveries.redrive.notRedrivable", outcome.notRedrivable().size(), locale);
        addIfAny(parts, "deliveries.redrive.notFound", outcome.notFound().size(), locale);
        addIfAny(parts, "deliveries.redrive.failed", outcome.failed().size(), locale);
        return String.join(" ", parts);
    }

    private void addIfAny(List<String> parts, String code, int count, Locale locale) {
        if (count > 0) {
            parts.add(messages.text(code, locale, count));
        }
    }

    /**
     * The filters as the form sent them (blank ones as {@code null}), to fill the form in again and to
     * link to other pages of the same view.
     *
     * @param since the form's {@code datetime-local} value (UTC), or an ISO instant given by hand
     */
    record Filter(String contractId, String outboxId, String status, String since, int page) {

        static Filter of(String contractId, String outboxId, String status, String since, String page) {
            int number;
            try {
                number = Math.max(0, Integer.parseInt(page.trim()));
            }
            catch (NumberFormatException ex) {
                number = 0;
            }
            return new Filter(blankToNull(contractId), blankToNull(outboxId), blankToNull(status),
                    blankToNull(since), number);
        }

        /** The since value as an ISO instant: a {@code datetime-local} value is read as UTC. */
        public String sinceInstant() {
            if (since == null) {
                return null;
            }
            try {
                return LocalDateTime.parse(since).toInstant(ZoneOffset.UTC).toString();
            }
            catch (DateTimeParseException ex) {
                return since;
            }
        }

        /** The since value for the form's {@code datetime-local} field, when it reads as an instant. */
        public String sinceField() {
            String instant = sinceInstant();
            try {
                return instant == null ? null : SINCE.format(Instant.parse(instant));
            }
            catch (DateTimeParseException ex) {
                return since;
            }
        }

        public boolean isFiltered() {
            return contractId != null || outboxId != null || status != null || since != null;
        }

        public String link(int page) {
            UriComponentsBuilder link = UriComponentsBuilder.fromPath(PATH);
            add(link, "contractId", contractId);
            add(link, "outboxId", outboxId);
            add(link, "status", status);
            add(link, "since", since);
            if (page > 0) {
                link.queryParam("page", page);
            }
            return link.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder link, String name, String value) {
            if (value != null) {
                link.queryParam(name, value);
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
