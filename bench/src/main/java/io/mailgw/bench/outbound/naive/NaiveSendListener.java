package io.mailgw.bench.outbound.naive;

import io.mailgw.bench.infra.BenchStack;
import io.mailgw.events.EventJson;
import io.mailgw.events.SendMailRequested;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** One request, one {@link JavaMailSender#send}: a new SMTP connection per mail, on the listener thread. */
@Component
class NaiveSendListener {

    private final JavaMailSender mail;
    private final String from;

    NaiveSendListener(JavaMailSender mail, @Value("${bench.naive.from:noreply@bench.example}") String from) {
        this.mail = mail;
        this.from = from;
    }

    @KafkaListener(topics = BenchStack.NAIVE_REQUESTS)
    void onRequest(String json) {
        SendMailRequested request = EventJson.read(json, SendMailRequested.class);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(request.to().toArray(String[]::new));
        message.setSubject(request.subject());
        message.setText(request.text());
        mail.send(message);
    }
}
