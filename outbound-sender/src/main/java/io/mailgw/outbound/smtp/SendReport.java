package io.mailgw.outbound.smtp;

import java.util.List;

/**
 * What one attempt at handing a message to an outbox's server came to.
 *
 * @param reply    the server's last reply once it accepted the message for someone, else {@code null}
 * @param accepted recipients the server accepted in this attempt
 * @param refused  recipients it refused, each with its reply
 * @param failure  why the message as a whole could not be handed over, or {@code null}
 */
public record SendReport(String reply, List<String> accepted, List<Refusal> refused, SmtpFailure failure) {

    public SendReport {
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
    }

    public static SendReport failed(SmtpFailure failure, List<String> accepted, List<Refusal> refused) {
        return new SendReport(null, accepted, refused, failure);
    }

    public boolean failed() {
        return failure != null;
    }

    /** A failure worth one more quick try on the spot: transient, fast to show, and nobody served yet. */
    public boolean retryInPlace() {
        return failure != null && failure.retryable() && failure.code() != io.mailgw.outbound.delivery.ErrorCode.SMTP_TIMEOUT
                && accepted.isEmpty();
    }

    /**
     * A recipient the server refused.
     *
     * @param code its reply code: 4xx for a temporary refusal, 5xx for a permanent one
     */
    public record Refusal(String address, int code, String reply) {

        public boolean permanent() {
            return code >= 500;
        }
    }
}
