package io.mailgw.outbound.lane;

import java.util.List;

import io.mailgw.events.DeliveryStatus.RecipientStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.model.status.MailboxState;
import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.smtp.SendReport;
import io.mailgw.outbound.smtp.SendReport.Refusal;
import io.mailgw.outbound.smtp.SmtpFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendVerdictTests {

    @Test
    void aMessageTakenForEveryoneIsSentWithoutPerRecipientDetail() {
        DeliveryOutcome outcome = SendVerdict.of(new SendReport("250 ok", List.of("a@x.example", "b@x.example"),
                List.of(), null), List.of());

        assertThat(outcome).isEqualTo(new DeliveryOutcome.Sent("250 ok", List.of("a@x.example", "b@x.example"), null));
    }

    @Test
    void someServedAndOthersRefusedForGoodIsSentNamingEachRecipient() {
        DeliveryOutcome outcome = SendVerdict.of(new SendReport("250 ok", List.of("a@x.example"),
                List.of(new Refusal("nobody@x.example", 550, "550 no such user")), null), List.of());

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Sent.class, sent -> assertThat(sent.recipients())
                .containsExactly(new RecipientStatus("a@x.example", Status.SENT, "250 ok"),
                        new RecipientStatus("nobody@x.example", Status.FAILED, "550 no such user")));
    }

    @Test
    void aTemporaryRefusalIsTriedAgainForThatRecipientOnlyKeepingWhoWasServed() {
        DeliveryOutcome outcome = SendVerdict.of(new SendReport("250 ok", List.of("b@x.example"),
                List.of(new Refusal("later@x.example", 451, "451 greylisted")), null), List.of("a@x.example"));

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RetryLater.class, later -> {
            assertThat(later.code()).isEqualTo(ErrorCode.SMTP_TEMPORARY_FAILURE);
            assertThat(later.acceptedRecipients()).containsExactly("a@x.example", "b@x.example");
            assertThat(later.message()).contains("later@x.example (451 greylisted)");
        });
    }

    @Test
    void everyRecipientRefusedForGoodFailsTheRequest() {
        DeliveryOutcome outcome = SendVerdict.of(new SendReport(null, List.of(),
                List.of(new Refusal("nobody@x.example", 550, "550 no such user")), null), List.of());

        assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.End.class, end -> {
            assertThat(end.status()).isEqualTo(Status.FAILED);
            assertThat(end.code()).isEqualTo(ErrorCode.SMTP_REJECTED);
        });
    }

    @Test
    void aRejectedLoginWaitsForAnAdminAndATransientFailureIsRetried() {
        SmtpFailure login = new SmtpFailure(ErrorCode.SMTP_AUTH_FAILED, false, MailboxState.AUTH_FAILED, "535");
        SmtpFailure timeout = new SmtpFailure(ErrorCode.SMTP_TIMEOUT, true, MailboxState.UNREACHABLE, "timed out");
        SmtpFailure tls = new SmtpFailure(ErrorCode.SMTP_TLS_FAILED, false, MailboxState.TLS_FAILED, "bad cert");

        assertThat(SendVerdict.of(SendReport.failed(login, List.of(), List.of()), List.of()))
                .isInstanceOfSatisfying(DeliveryOutcome.Defer.class, defer -> assertThat(defer.untilAdminFix()).isTrue());
        assertThat(SendVerdict.of(SendReport.failed(timeout, List.of(), List.of()), List.of()))
                .isInstanceOf(DeliveryOutcome.RetryLater.class);
        assertThat(SendVerdict.of(SendReport.failed(tls, List.of(), List.of()), List.of()))
                .isInstanceOfSatisfying(DeliveryOutcome.End.class, end -> assertThat(end.code())
                        .isEqualTo(ErrorCode.SMTP_TLS_FAILED));
    }
}
