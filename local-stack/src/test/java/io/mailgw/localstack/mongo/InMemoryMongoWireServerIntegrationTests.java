package io.mailgw.localstack.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-memory backend the benchmark runs on: the same answers, and nothing kept across a restart. */
class InMemoryMongoWireServerIntegrationTests extends MongoWireServerIntegrationTests {

    @Override
    MongoWireServer newServer(int port) {
        return MongoWireServer.inMemory("127.0.0.1", port);
    }

    @Override
    @Test
    void keepsWhatWasWrittenAcrossARestart() throws Exception {
        client.close();
        server.stop();

        server.start();
        connect();

        assertThat(deliveries.countDocuments()).isZero();
    }
}
