package io.mailgw.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackLauncherTests {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void startsPartsInOrderThenPrintsTheReadyReport() {
        StackLauncher launcher = launcher(Duration.ofSeconds(5), part("kafka"), part("mongo"), part("services"));

        launcher.start();

        assertThat(events).containsExactly("start kafka", "start mongo", "start services");
        assertThat(launcher.isRunning()).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("local stack ready in");
    }

    @Test
    void stopsPartsInReverseOrder() {
        StackLauncher launcher = launcher(Duration.ofSeconds(5), part("kafka"), part("mongo"), part("services"));
        launcher.start();
        events.clear();

        launcher.stop();

        assertThat(events).containsExactly("stop services", "stop mongo", "stop kafka");
        assertThat(launcher.isRunning()).isFalse();
    }

    @Test
    void stopsWhatStartedWhenAPartFailsToStartAndSaysWhich() {
        StackLauncher launcher = launcher(Duration.ofSeconds(5), part("kafka"), failingPart("mongo"),
                part("services"));

        assertThatThrownBy(launcher::start).isInstanceOf(LocalStackStartException.class)
                .hasMessageContaining("Could not start mongo").hasMessageContaining("port taken");

        assertThat(events).containsExactly("start kafka", "start mongo", "stop mongo", "stop kafka");
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("ready");
    }

    @Test
    void goesOnStoppingWhenOnePartHangsLongerThanTheStopTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        StackPart stuck = new StackPart() {
            @Override
            public String description() {
                return "stuck";
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() throws InterruptedException {
                never.await();
            }
        };
        StackLauncher launcher = launcher(Duration.ofMillis(200), part("kafka"), stuck);
        launcher.start();
        events.clear();

        launcher.stop();

        assertThat(events).containsExactly("stop kafka");
    }

    @Test
    void goesOnStoppingWhenOnePartFailsToStop() {
        StackPart broken = new StackPart() {
            @Override
            public String description() {
                return "broken";
            }

            @Override
            public void start() {
            }

            @Override
            public void stop() {
                throw new IllegalStateException("already gone");
            }
        };
        StackLauncher launcher = launcher(Duration.ofSeconds(5), part("kafka"), broken);
        launcher.start();
        events.clear();

        launcher.stop();

        assertThat(events).containsExactly("stop kafka");
    }

    private StackLauncher launcher(Duration stopTimeout, StackPart... parts) {
        LocalStackProperties properties = TestProperties.withDataDir(Path.of("target/unused"));
        ReadyReport report = new ReadyReport(properties, "admin", new PrintStream(printed, true, StandardCharsets.UTF_8));
        return new StackLauncher(List.of(parts), report, stopTimeout, Clock.systemUTC());
    }

    private StackPart part(String name) {
        return new StackPart() {
            @Override
            public String description() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }

    private StackPart failingPart(String name) {
        return new StackPart() {
            @Override
            public String description() {
                return name;
            }

            @Override
            public void start() {
                events.add("start " + name);
                throw new IllegalStateException("port taken");
            }

            @Override
            public void stop() {
                events.add("stop " + name);
            }
        };
    }
}
