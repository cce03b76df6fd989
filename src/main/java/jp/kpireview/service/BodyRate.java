package jp.kpireview.service;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;

/**
 * The minimum data rate of a request body. A body read as its chunks arrive ({@link UploadReader}) holds no thread,
 * but a client that sends two bytes a second would keep its request open for as long as it likes. So the bytes read
 * are counted, and twice a second a watchdog compares them with the rate since the body began
 * ({@link ReviewService#MIN_BODY_BYTES_PER_SECOND}, after a second's grace): a body behind it is failed, which ends
 * the read, and the request is answered 408.
 */
final class BodyRate implements AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "body-rate");
        t.setDaemon(true);
        return t;
    });
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Bodies cut for arriving too slowly, since the service started (for the load test and the log). */
    static final AtomicLong CUT = new AtomicLong();

    private final Request request;
    private final long started = System.nanoTime();
    private final AtomicLong read = new AtomicLong();
    private final ScheduledFuture<?> watch;
    private volatile boolean cut;

    BodyRate(Request request) {
        this.request = request;
        this.watch = WATCHDOG.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    private void check() {
        long elapsed = System.nanoTime() - started - GRACE_NANOS;
        if (elapsed > 0 && read.get() < ReviewService.MIN_BODY_BYTES_PER_SECOND * elapsed / 1_000_000_000L) {
            cut = true;
            CUT.incrementAndGet();
            watch.cancel(false);
            request.fail(new IOException("the body arrived slower than the minimum data rate"));
        }
    }

    /** Counts {@code n} more bytes of the body read. */
    void add(long n) {
        read.addAndGet(n);
    }

    /** True when the body was cut for arriving too slowly. */
    boolean cut() {
        return cut;
    }

    @Override
    public void close() {
        watch.cancel(false);
    }
}
