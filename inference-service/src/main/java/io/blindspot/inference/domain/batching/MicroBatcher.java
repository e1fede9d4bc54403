package io.blindspot.inference.domain.batching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Groups the items of concurrent requests into shared runs of one expensive batch operation (a model's forward
 * pass), and hands each request its own results.
 *
 * <p>A request ({@link #submit}) is a list of items, e.g. the 100 anomalous variants of one slice or the one normal
 * slice of an event. Its items join one queue in order, behind the items of earlier requests; a single worker
 * thread takes runs of up to {@link BatchPolicy#size()} items from the head of the queue, so one run can hold
 * items of several requests (of one event or of concurrent events) and one request can span several runs. A run
 * starts when it is full or when its oldest item has waited {@link BatchPolicy#maxWait()}, whichever comes first.
 *
 * <p>Results: a request's future completes when all its items have come back, with the results in the order of
 * its items. When a run fails (the operation throws, or returns a wrong number of results) every request with an
 * item in that run fails with that exception, and only those: other requests of the same or later runs are not
 * touched. Items of a request that has already failed are skipped when they reach the head of the queue.
 *
 * <p>Runs happen one after another on the worker thread, which starts on the first request; the operation itself
 * may use many threads (ONNX Runtime's intra-op pool). Plain Java, no framework types. Thread-safe.
 *
 * @param <T> an item (a model-sized plane)
 * @param <R> one item's result
 */
public final class MicroBatcher<T, R> implements AutoCloseable {

    /** The batch operation: one result per item, in order. */
    @FunctionalInterface
    public interface Runner<T, R> {
        List<R> run(List<T> items) throws Exception;
    }

    /** Told about every run (metrics); called on the worker thread, must not block. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param items    items in the run
         * @param requests distinct requests with an item in the run
         * @param nanos    duration of the operation
         * @param failed   whether the run failed
         */
        void ran(int items, int requests, long nanos, boolean failed);

        Listener NONE = (items, requests, nanos, failed) -> { };
    }

    /** One caller's items and their results so far. Fields are touched by the worker thread only. */
    private final class Request {
        final Object[] results;
        final CompletableFuture<List<R>> future = new CompletableFuture<>();
        int remaining;

        Request(int size) {
            this.results = new Object[size];
            this.remaining = size;
        }

        @SuppressWarnings("unchecked")
        void deliver(int index, R result) {
            results[index] = result;
            if (--remaining == 0) {
                future.complete((List<R>) List.copyOf(Arrays.asList(results)));
            }
        }
    }

    /** One queued item: its request, its position in the request, when it was queued. */
    private final class Entry {
        final Request request;
        final int index;
        final T item;
        final long queuedAt;

        Entry(Request request, int index, T item, long queuedAt) {
            this.request = request;
            this.index = index;
            this.item = item;
            this.queuedAt = queuedAt;
        }
    }

    private final String name;
    private final BatchPolicy policy;
    private final Runner<T, R> runner;
    private final Listener listener;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private Thread worker;
    private volatile boolean closed;

    /**
     * @param name     names the worker thread ({@code blindspot-batch-NAME}) and appears in errors
     * @param policy   run size and wait
     * @param runner   the batch operation
     * @param listener told about every run
     */
    public MicroBatcher(String name, BatchPolicy policy, Runner<T, R> runner, Listener listener) {
        this.name = name;
        this.policy = policy;
        this.runner = runner;
        this.listener = listener == null ? Listener.NONE : listener;
    }

    public BatchPolicy policy() {
        return policy;
    }

    /**
     * Queues a request.
     *
     * @return completes with one result per item, in order; or exceptionally with the failure of a run that held
     * one of the items (or an {@link IllegalStateException} once this batcher is closed)
     */
    public CompletableFuture<List<R>> submit(List<T> items) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        ensureWorker();
        Request request = new Request(items.size());
        long now = System.nanoTime();
        for (int i = 0; i < items.size(); i++) {
            queue.add(new Entry(request, i, items.get(i), now));
        }
        if (closed) {
            failQueued(); // close() ran while the items went in; no worker will take them
        }
        return request.future;
    }

    private synchronized void ensureWorker() {
        if (worker == null && !closed) {
            worker = new Thread(this::work, "blindspot-batch-" + name);
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void work() {
        while (!closed) {
            List<Entry> run = new ArrayList<>(policy.size());
            try {
                nextRun(run);
            } catch (InterruptedException e) { // close(): what was taken already fails like what is still queued
                run.forEach(entry -> entry.request.future.completeExceptionally(closedException()));
                break;
            }
            if (!run.isEmpty()) {
                execute(run);
            }
        }
    }

    /**
     * Waits for an item, then fills the run from the queue until it is full or the first item's wait is over.
     * Items of requests that already failed are dropped on the way.
     */
    private void nextRun(List<Entry> run) throws InterruptedException {
        Entry first = queue.take();
        while (first.request.future.isDone()) { // the wait counts from the first item that will run
            first = queue.take();
        }
        run.add(first);
        long deadline = first.queuedAt + policy.maxWait().toNanos();
        while (run.size() < policy.size()) {
            Entry next = queue.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || (next = queue.poll(left, TimeUnit.NANOSECONDS)) == null) {
                    break;
                }
            }
            if (!next.request.future.isDone()) {
                run.add(next);
            }
        }
    }

    private void execute(List<Entry> run) {
        List<T> items = new ArrayList<>(run.size());
        Map<Request, Boolean> requests = new IdentityHashMap<>();
        for (Entry e : run) {
            items.add(e.item);
            requests.put(e.request, Boolean.TRUE);
        }
        long start = System.nanoTime();
        List<R> results;
        try {
            results = runner.run(items);
            if (results == null || results.size() != items.size()) {
                throw new IllegalStateException("batch '" + name + "' returned " + (results == null ? "nothing"
                        : results.size() + " results") + " for " + items.size() + " items");
            }
        } catch (Throwable t) { // an Error of the native runtime must not kill the worker either
            listener.ran(items.size(), requests.size(), System.nanoTime() - start, true);
            for (Request r : requests.keySet()) {
                r.future.completeExceptionally(t);
            }
            return;
        }
        listener.ran(items.size(), requests.size(), System.nanoTime() - start, false);
        for (int i = 0; i < run.size(); i++) {
            run.get(i).request.deliver(run.get(i).index, results.get(i));
        }
    }

    private IllegalStateException closedException() {
        return new IllegalStateException("batcher '" + name + "' is closed");
    }

    private void failQueued() {
        Entry e;
        while ((e = queue.poll()) != null) {
            e.request.future.completeExceptionally(closedException());
        }
    }

    /** Stops the worker after its current run; requests still queued fail. */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            w = worker;
        }
        if (w != null) {
            w.interrupt();
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failQueued();
    }
}
