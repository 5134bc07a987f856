package io.mailgw.outbound.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Grouping writes: what queues while a batch is written goes in the next one, and each caller gets its own outcome. */
class GroupWritesTests {

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void writesQueuedWhileABatchIsWrittenGoTogetherInTheNext() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupWrites<Integer, String> writes = new GroupWrites<>("test-writes", 64, batch -> {
            batches.add(batch.stream().map(GroupWrites.Write::item).toList());
            firstStarted.countDown();
            awaitRelease(release);
            batch.forEach(write -> write.done("w" + write.item()));
        });

        Future<String> first = callers.submit(() -> writes.write(0));
        assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
        List<Future<String>> rest = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            int item = i;
            rest.add(callers.submit(() -> writes.write(item)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> callersWaitingInWrite() == 11);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("w0");
        for (int i = 1; i <= 10; i++) {
            assertThat(rest.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("w" + i);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly(0);
        assertThat(batches.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aBatchNeverPassesItsLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupWrites<Integer, Integer> writes = new GroupWrites<>("test-writes", 3, batch -> {
            batches.add(batch.stream().map(GroupWrites.Write::item).toList());
            awaitRelease(release);
            batch.forEach(write -> write.done(write.item()));
        });
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int item = i;
            results.add(callers.submit(() -> writes.write(item)));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> callersWaitingInWrite() == 10);
        release.countDown();

        for (int i = 0; i < 10; i++) {
            assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
        }
        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(10);
    }

    @Test
    void aFailedBatchFailsEachOfItsWritesWithTheSameExceptionAndTheNextBatchGoesOn() {
        GroupWrites<Integer, Integer> writes = new GroupWrites<>("test-writes", 64, batch -> {
            if (batch.get(0).item() < 0) {
                throw new IllegalStateException("database away");
            }
            batch.forEach(write -> write.done(write.item() * 2));
        });

        assertThatThrownBy(() -> writes.write(-1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database away");
        assertThat(writes.write(21)).isEqualTo(42);
    }

    @Test
    void eachWriteHasItsOwnOutcomeAndOneLeftOpenFails() {
        GroupWrites<Integer, Integer> writes = new GroupWrites<>("test-writes", 64, batch -> {
            for (GroupWrites.Write<Integer, Integer> write : batch) {
                if (write.item() == 1) {
                    write.failed(new IllegalArgumentException("refused: " + write.item()));
                }
                else if (write.item() == 2) {
                    write.done(20);
                }
            }
        });

        assertThatThrownBy(() -> writes.write(1)).isInstanceOf(IllegalArgumentException.class).hasMessage("refused: 1");
        assertThat(writes.write(2)).isEqualTo(20);
        assertThatThrownBy(() -> writes.write(3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without an outcome");
    }

    @Test
    void aWriteAfterTheWriterWentIdleStartsAnotherOne() throws Exception {
        GroupWrites<Integer, Integer> writes = new GroupWrites<>("test-writes", 64,
                batch -> batch.forEach(write -> write.done(write.item() + 1)));

        assertThat(writes.write(1)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> writerThreads().isEmpty());

        assertThat(writes.write(2)).isEqualTo(3);
        assertThat(writerThreads()).hasSizeLessThanOrEqualTo(1);
    }

    private static List<Thread> writerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("test-writes"))
                .filter(Thread::isAlive).toList();
    }

    /** Callers that queued their write and wait for it: blocked inside {@link GroupWrites#write}. */
    private static long callersWaitingInWrite() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(entry -> entry.getKey().getState() == Thread.State.WAITING)
                .filter(entry -> List.of(entry.getValue()).stream().anyMatch(frame -> frame.getMethodName().equals("write")
                        && frame.getClassName().equals(GroupWrites.class.getName())))
                .count();
    }

    private static void awaitRelease(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
