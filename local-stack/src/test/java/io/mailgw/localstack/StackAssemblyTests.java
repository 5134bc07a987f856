package io.mailgw.localstack;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
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

    @Test
    void portsAndNetworksTheUserAllowsAreKeptBesidesTheDemoOnes() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("mailgw.connect-ports", "25,993,1025,10143")
                .withProperty("mailgw.connect-allow", "192.168.1.0/24");
        StackAssembly assembly = new StackAssembly(TestProperties.withDataDir(dataDir), environment, Clock.systemUTC());

        assertThat(assembly.connectPorts()).isEqualTo("25,993,1025,10143,3025,3143,3110,3465,3993,3995");
        assertThat(assembly.connectAllow()).isEqualTo("192.168.1.0/24,127.0.0.0/8");
    }

    @Test
    void theEnvironmentVariableMailgwConnectPortsCountsAsTheProperty() {
        StackAssembly assembly = new StackAssembly(TestProperties.withDataDir(dataDir),
                environmentVariables(Map.of("MAILGW_CONNECT_PORTS", "1025")), Clock.systemUTC());

        assertThat(assembly.connectPorts()).startsWith("1025,3025");
    }

    private static StandardEnvironment environmentVariables(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return environment;
    }
}
