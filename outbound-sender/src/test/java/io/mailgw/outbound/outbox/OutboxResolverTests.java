package io.mailgw.outbound.outbox;

import java.time.Instant;

import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.OutboxChoice;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.TestOutboxes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxResolverTests {

    private static final Mailbox DEFAULT_OUTBOX = TestOutboxes.plainSmtp("mbx-default", 25, "noreply@gateway.example");
    private static final Mailbox XPTO_OUTBOX = TestOutboxes.plainSmtp("mbx-xpto-out", 25, "soporte@xpto.example");

    private final OutboxResolver resolver = new OutboxResolver();

    @Test
    void usesDefaultOutboxWhenRequestAsksForDefault() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.DEFAULT,
                new OutboxCandidates("xpto", contract("mbx-xpto-out"), XPTO_OUTBOX, "mbx-default", DEFAULT_OUTBOX));

        assertThat(decision).isEqualTo(new OutboxDecision.Use(DEFAULT_OUTBOX, OutboxResolution.DEFAULT, null));
    }

    @Test
    void usesDefaultOutboxWhenRequestNamesNoOutbox() {
        OutboxDecision decision = resolver.resolve(null,
                new OutboxCandidates(null, null, null, "mbx-default", DEFAULT_OUTBOX));

        assertThat(decision).isEqualTo(new OutboxDecision.Use(DEFAULT_OUTBOX, OutboxResolution.DEFAULT, null));
    }

    @Test
    void usesContractOutboxWhenSpecificAndLinkedOutboxIsEnabled() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract("mbx-xpto-out"), XPTO_OUTBOX, "mbx-default", DEFAULT_OUTBOX));

        assertThat(decision).isEqualTo(new OutboxDecision.Use(XPTO_OUTBOX, OutboxResolution.CONTRACT, null));
    }

    @Test
    void usesContractOutboxEvenWithoutUsableDefault() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract("mbx-xpto-out"), XPTO_OUTBOX, null, null));

        assertThat(decision).isEqualTo(new OutboxDecision.Use(XPTO_OUTBOX, OutboxResolution.CONTRACT, null));
    }

    @Test
    void fallsBackToDefaultWhenContractHasNoOutboxLinked() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract(null), null, "mbx-default", DEFAULT_OUTBOX));

        assertThat(decision).isEqualTo(new OutboxDecision.Use(DEFAULT_OUTBOX, OutboxResolution.DEFAULT_FALLBACK,
                "contract xpto has no outbox linked"));
    }

    @Test
    void fallsBackToDefaultWhenContractOutboxIsDisabled() {
        Mailbox disabled = TestOutboxes.disabledPlainSmtp("mbx-xpto-out", 25, "soporte@xpto.example");

        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract("mbx-xpto-out"), disabled, "mbx-default", DEFAULT_OUTBOX));

        assertThat(decision).isEqualTo(new OutboxDecision.Use(DEFAULT_OUTBOX, OutboxResolution.DEFAULT_FALLBACK,
                "the outbox mbx-xpto-out linked to contract xpto is disabled"));
    }

    @Test
    void fallsBackToDefaultWhenLinkedOutboxNoLongerExists() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract("mbx-gone"), null, "mbx-default", DEFAULT_OUTBOX));

        assertThat(((OutboxDecision.Use) decision).reason())
                .isEqualTo("the outbox mbx-gone linked to contract xpto does not exist");
    }

    @Test
    void fallsBackToDefaultWhenLinkedMailboxIsAnInbox() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract("mbx-in"), TestOutboxes.imapInbox("mbx-in"), "mbx-default",
                        DEFAULT_OUTBOX));

        assertThat(((OutboxDecision.Use) decision).reason())
                .isEqualTo("the outbox mbx-in linked to contract xpto is not an OUTBOUND mailbox");
    }

    @Test
    void rejectsSpecificOutboxOfUnknownContract() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("nope", null, null, "mbx-default", DEFAULT_OUTBOX));

        assertThat(decision).isEqualTo(new OutboxDecision.UnknownContract("nope"));
        assertThat(((OutboxDecision.UnknownContract) decision).reason()).contains("contract nope does not exist");
    }

    @Test
    void reportsNoOutboxWhenNoDefaultIsSet() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.DEFAULT, new OutboxCandidates(null, null, null, null, null));

        assertThat(decision).isEqualTo(new OutboxDecision.NoOutbox(OutboxResolution.DEFAULT,
                "no default outbox is set in the settings"));
    }

    @Test
    void reportsNoOutboxWhenDefaultIsDisabledOrGone() {
        Mailbox disabled = TestOutboxes.disabledPlainSmtp("mbx-default", 25, "noreply@gateway.example");

        assertThat(resolver.resolve(OutboxChoice.DEFAULT, new OutboxCandidates(null, null, null, "mbx-default", disabled)))
                .isEqualTo(new OutboxDecision.NoOutbox(OutboxResolution.DEFAULT, "the default outbox mbx-default is disabled"));
        assertThat(resolver.resolve(OutboxChoice.DEFAULT, new OutboxCandidates(null, null, null, "mbx-default", null)))
                .isEqualTo(new OutboxDecision.NoOutbox(OutboxResolution.DEFAULT,
                        "the default outbox mbx-default does not exist"));
    }

    @Test
    void reportsBothReasonsWhenFallbackFindsNoUsableDefault() {
        OutboxDecision decision = resolver.resolve(OutboxChoice.SPECIFIC,
                new OutboxCandidates("xpto", contract(null), null, null, null));

        assertThat(decision).isEqualTo(new OutboxDecision.NoOutbox(OutboxResolution.DEFAULT_FALLBACK,
                "contract xpto has no outbox linked; no default outbox is set in the settings"));
    }

    private static Contract contract(String outboundMailboxId) {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        return new Contract("xpto", "Empresa XPTO", outboundMailboxId, now, now, null);
    }
}
