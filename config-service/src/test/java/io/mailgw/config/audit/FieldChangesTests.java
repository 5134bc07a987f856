package io.mailgw.config.audit;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FieldChangesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PASSWORD = List.of("password");
    private static final List<String> NONE = List.of();

    @Test
    void createNamesTheFieldsWithAValueAndThePasswordInItsPlace() {
        JsonNode after = JSON.readTree("""
                {"id": "mbx-1", "name": "In", "host": "imap.example", "port": 993, "username": "u",
                 "passwordSet": true, "moveToFolder": null, "createdAt": "2026-11-28T10:00:00Z"}
                """);

        assertThat(FieldChanges.set(after, PASSWORD)).containsExactly("name", "host", "port", "username", "password");
        assertThat(FieldChanges.set(after, NONE)).containsExactly("name", "host", "port", "username");
    }

    @Test
    void updateNamesOnlyTheFieldsWhoseValuesDiffer() {
        JsonNode before = JSON.readTree("""
                {"id": "mbx-1", "name": "In", "port": 993, "enabled": true, "folder": "INBOX",
                 "moveToFolder": null, "passwordSet": true, "updatedAt": "2026-11-28T10:00:00Z"}
                """);
        JsonNode after = JSON.readTree("""
                {"id": "mbx-1", "name": "In", "port": 143, "enabled": false, "folder": "INBOX",
                 "moveToFolder": "Done", "passwordSet": true, "updatedAt": "2026-11-28T11:00:00Z"}
                """);

        assertThat(FieldChanges.changed(before, after, NONE)).containsExactly("port", "enabled", "moveToFolder");
        assertThat(FieldChanges.changed(before, before, NONE)).isEmpty();
    }

    @Test
    void aNewPasswordCountsAsChangedEvenWithoutAPasswordSetField() {
        JsonNode user = JSON.readTree("{\"name\": \"ana\", \"role\": \"VIEWER\"}");

        assertThat(FieldChanges.changed(user, user, PASSWORD)).containsExactly("password");
    }

    @Test
    void anAbsentFieldAndANullOneAreTheSame() {
        JsonNode before = JSON.readTree("{\"name\": \"X\", \"outboundMailboxId\": null}");
        JsonNode after = JSON.readTree("{\"name\": \"X\"}");

        assertThat(FieldChanges.changed(before, after, NONE)).isEmpty();
        assertThat(FieldChanges.changed(after, JSON.readTree("{\"name\": \"X\", \"outboundMailboxId\": \"o\"}"),
                NONE)).containsExactly("outboundMailboxId");
    }

    @Test
    void namesTheFieldsOfTheLoginByTheirPathAndItsSecretsOnlyWhenGiven() {
        JsonNode before = JSON.readTree("""
                {"name": "Out", "passwordSet": false, "auth": {"method": "OAUTH2", "clientId": "a",
                 "clientSecretSet": true, "refreshTokenSet": false, "account": null}}
                """);
        JsonNode after = JSON.readTree("""
                {"name": "Out", "passwordSet": false, "auth": {"method": "OAUTH2", "clientId": "b",
                 "clientSecretSet": true, "refreshTokenSet": true, "account": "ana@xpto.example"}}
                """);

        assertThat(FieldChanges.changed(before, after, List.of("auth.refreshToken")))
                .containsExactly("auth.clientId", "auth.refreshToken", "auth.account");
        assertThat(FieldChanges.set(after, List.of("auth.clientSecret")))
                .containsExactly("name", "auth.method", "auth.clientId", "auth.clientSecret", "auth.account");
    }
}
