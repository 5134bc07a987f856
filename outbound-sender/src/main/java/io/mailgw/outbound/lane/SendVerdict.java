package io.mailgw.outbound.lane;

import java.util.ArrayList;
import java.util.List;

import io.mailgw.events.DeliveryStatus.RecipientStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.smtp.SendReport;
import io.mailgw.outbound.smtp.SmtpFailure;

/**
 * What a send report means for the request, pure: sent (to everyone, or to some while the others
 * refused for good), tried again later for the recipients still open, waiting for an admin to fix
 * the outbox's login, or failed. Recipients served once are never sent to again.
 */
final class SendVerdict {

    private SendVerdict() {
    }

    /** @param acceptedBefore recipients an earlier attempt served */
    static DeliveryOutcome of(SendReport report, List<String> acceptedBefore) {
        List<String> accepted = new ArrayList<>(acceptedBefore);
        accepted.addAll(report.accepted());
        List<SendReport.Refusal> temporary = report.refused().stream().filter(r -> !r.permanent()).toList();
        List<SendReport.Refusal> permanent = report.refused().stream().filter(SendReport.Refusal::permanent).toList();
        List<RecipientStatus> recipients = report.refused().isEmpty() ? null : recipients(report, accepted);
        if (report.failed()) {
            return ofFailure(report.failure(), accepted, recipients);
        }
        if (!temporary.isEmpty()) {
            return new DeliveryOutcome.RetryLater(ErrorCode.SMTP_TEMPORARY_FAILURE, temporary.size()
                    + " recipient(s) refused for now: " + describe(temporary), accepted, recipients);
        }
        if (accepted.isEmpty()) {
            return new DeliveryOutcome.End(Status.FAILED, ErrorCode.SMTP_REJECTED, "every recipient was refused: "
                    + describe(permanent), recipients);
        }
        return new DeliveryOutcome.Sent(report.reply(), accepted, recipients);
    }

    private static DeliveryOutcome ofFailure(SmtpFailure failure, List<String> accepted,
                                             List<RecipientStatus> recipients) {
        if (failure.isLoginRejected()) {
            return new DeliveryOutcome.Defer(ErrorCode.SMTP_AUTH_FAILED, failure.reason()
                    + "; the outbox's mail waits until an admin fixes its login", true);
        }
        if (failure.retryable()) {
            return new DeliveryOutcome.RetryLater(failure.code(), failure.reason(), accepted, recipients);
        }
        return new DeliveryOutcome.End(Status.FAILED, failure.code(), failure.reason(), recipients);
    }

    private static List<RecipientStatus> recipients(SendReport report, List<String> accepted) {
        List<RecipientStatus> statuses = new ArrayList<>();
        accepted.forEach(address -> statuses.add(new RecipientStatus(address, Status.SENT, report.reply())));
        report.refused().forEach(refusal -> statuses.add(new RecipientStatus(refusal.address(),
                refusal.permanent() ? Status.FAILED : Status.RETRYING, refusal.reply())));
        return statuses;
    }

    private static String describe(List<SendReport.Refusal> refusals) {
        return String.join("; ", refusals.stream().map(r -> r.address() + " (" + r.reply() + ")").toList());
    }
}
