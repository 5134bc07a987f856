package io.mailgw.outbound.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes that callers make one at a time, sent to the database together (a group commit): each
 * caller queues its write and waits for it; one thread takes everything queued, up to
 * {@code maxBatch}, and writes it in one command. Under a light load a write goes alone, one thread
 * hop later than on the caller's thread; under a heavy one, a round trip carries many writes. The
 * thread is started by the first write and ends after {@link #IDLE} without one.
 *
 * @param <T> what a caller asks to write
 * @param <R> what the caller learns of it
 */
final class GroupWrites<T, R> {

    private static final Duration IDLE = Duration.ofSeconds(1);

    private final String threadName;
    private final int maxBatch;
    private final Consumer<List<Write<T, R>>> writeAll;
    private final BlockingQueue<Write<T, R>> queued = new LinkedBlockingQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    /**
     * @param writeAll writes a batch and {@linkplain Write#done completes} or {@linkplain Write#failed fails}
     *                 each of its writes; one it leaves open fails, and if it throws, every open one fails with that
     */
    GroupWrites(String threadName, int maxBatch, Consumer<List<Write<T, R>>> writeAll) {
        this.threadName = threadName;
        this.maxBatch = maxBatch;
        this.writeAll = writeAll;
    }

    /** Writes {@code item} with whatever else is queued, and waits for its outcome; a failure is rethrown as it came. */
    R write(T item) {
        Write<T, R> write = new Write<>(item);
        queued.add(write);
        if (writing.compareAndSet(false, true)) {
            startWriter();
        }
        try {
            return write.outcome.join();
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    private void startWriter() {
        Thread writer = new Thread(this::writeQueued, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Writes batches until none came for {@link #IDLE}. A write queued while the thread ends finds
     * {@code writing} cleared and starts the next one, or is seen here and taken.
     */
    private void writeQueued() {
        List<Write<T, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Write<T, R> first = next();
            if (first == null) {
                writing.set(false);
                if (queued.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queued.drainTo(batch, maxBatch - 1);
            writeBatch(batch);
            batch.clear();
        }
    }

    private Write<T, R> next() {
        try {
            return queued.poll(IDLE.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return queued.poll();
        }
    }

    private void writeBatch(List<Write<T, R>> batch) {
        try {
            writeAll.accept(List.copyOf(batch));
            for (Write<T, R> write : batch) {
                write.failed(new IllegalStateException("A batched write of " + write.item + " was left without an outcome"));
            }
        }
        catch (RuntimeException | Error ex) {
            batch.forEach(write -> write.failed(ex));
        }
    }

    /** One caller's write, as the batch writer sees it. */
    static final class Write<T, R> {

        private final T item;
        private final CompletableFuture<R> outcome = new CompletableFuture<>();

        private Write(T item) {
            this.item = item;
        }

        T item() {
            return item;
        }

        void done(R result) {
            outcome.complete(result);
        }

        /** Fails the write, unless it already has an outcome. */
        void failed(Throwable failure) {
            outcome.completeExceptionally(failure);
        }
    }
}
