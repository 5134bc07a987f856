package io.mailgw.localstack;

import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StackAssemblyTests {

    @TempDir
    Path dataDir;

    @Test
    void servicesMayConnectToTheStandardMailPortsAndTheDemoMailServers() {
        StackAssembly assembly = new StackAssembly(TestProperties.withDataDir(dataDir), new MockEnvironment(),
                Clock.systemUTC());

        assertThat(assembly.connectPorts()).isEqualTo("25,465,587,2525,110,995,143,993,3025,3143,3110,3465,3993,3995");
    }
}
