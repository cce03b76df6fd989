package jp.kpireview.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kpireview.domain.DataException;
import jp.kpireview.engine.OverBudgetException;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.io.Folders;
import jp.kpireview.rulebase.RuleSetException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on a sheet the service bounds ({@link EvaluateRoute} says what the work is): at most {@code maxEvaluations}
 * pieces at once (the rest get {@code 503} with {@code Retry-After}), each within its time budget and its share of
 * the memory ({@link WorkMemory}), with the rules current when the request came in; answered with the bytes or the
 * report file the work made, or with the located error of what went wrong. A piece that runs out of time is halted
 * by its engine's deadline, so no thread goes on computing for a request that has been answered.
 */
final class BoundedWork {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedWork.class);

    private final RuleHolder rules;
    private final BundledData bundled;
    private final ReviewService.Limits limits;
    private final Semaphore running;
    private final ExecutorService evaluations;
    private final AtomicInteger busy = new AtomicInteger();
    private final WorkMemory memory;

    BoundedWork(RuleHolder rules, BundledData bundled, ReviewService.Limits limits, ExecutorService evaluations) {
        this.rules = rules;
        this.bundled = bundled;
        this.limits = limits;
        this.running = new Semaphore(limits.maxEvaluations());
        this.evaluations = evaluations;
        this.memory = new WorkMemory(limits.heapBytes());
    }

    /** Pieces of work running now (none is left running after its request). */
    int busy() {
        return busy.get();
    }

    /** The memory the work in progress may take together. */
    WorkMemory memory() {
        return memory;
    }

    /**
     * One piece of bounded work on a sheet: it gets the engine (with its deadline), counts the rows it read, resizes
     * its share of the memory once it knows its KPIs, and answers with bytes or with a file it wrote into {@code out}.
     */
    @FunctionalInterface
    interface Work {
        Answer run(PolicyEngine engine, Path sheet, AtomicInteger rows, Path out, WorkMemory.Share memory)
                throws IOException;
    }

    /** What a piece of work answers with: a small body in memory, or a report streamed from its file. */
    record Answer(byte[] bytes, Path file) {
    }

    /**
     * A request's temporary folder for its report, deleted by whichever of its two users is done last: the work that
     * writes it, and the answer that sends it (or answers without it when the work ran out of time).
     */
    private static final class Output {
        private final Path folder;
        private final AtomicInteger users = new AtomicInteger(2);

        Output() throws IOException {
            folder = Files.createTempDirectory(BundledData.OUTPUTS);
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                Folders.deleteTree(folder);
            }
        }
    }

    /**
     * Runs {@code work} among at most maxEvaluations at once, within the time budget and its share of the memory, and
     * answers with what it made: its bytes, or its report's file, sent from disk.
     */
    void run(Request request, Response response, Callback callback, Path sheet, String mediaType, boolean report,
            Work work) throws IOException {
        boolean temporary = bundled.isTemporary(sheet);
        if (!running.tryAcquire()) {
            delete(sheet, temporary);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            Api.error(response, callback, 503, "server", "混んでいます: いま " + limits.maxEvaluations()
                    + " 件の評価が動いています。数秒後にもう一度試してください");
            return;
        }
        RuleHolder.Current current = rules.current();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limits.maxSeconds());
        PolicyEngine engine = current.engine().withDeadline(deadline);
        AtomicInteger rows = new AtomicInteger();
        Future<Answer> result;
        Output out;
        try {
            out = new Output();
            result = evaluations.submit(() -> {
                busy.incrementAndGet();
                try (WorkMemory.Share share = memory.share()) {
                    share.resize(WorkMemory.reading(sheet), "シートの読み込み");
                    return work.run(engine, sheet, rows, out.folder, share);
                } finally {
                    busy.decrementAndGet();
                    running.release();  // only when the work has really stopped
                    delete(sheet, temporary);
                    out.release();
                }
            });
        } catch (IOException | RuntimeException e) {
            running.release();
            delete(sheet, temporary);
            throw e;
        }
        try {
            // the engine halts itself at the deadline; the extra second lets it say so
            Answer answer = result.get(limits.maxSeconds() + 1, TimeUnit.SECONDS);
            request.setAttribute(EvaluateRoute.ROWS, rows.get());
            response.getHeaders().put("X-Rules", current.hash());
            if (report) {
                Api.securityHeaders(response, Api.REPORT_POLICY);
            }
            if (answer.file() == null) {
                out.release();
                Api.send(response, callback, 200, mediaType, answer.bytes());
            } else {
                Api.send(response, Callback.from(out::release, callback), 200, mediaType, answer.file());
            }
        } catch (TimeoutException e) {
            out.release();
            result.cancel(true);
            overBudget(response, callback);
        } catch (ExecutionException e) {
            out.release();
            failed(response, callback, e.getCause());
        } catch (InterruptedException e) {
            out.release();
            Thread.currentThread().interrupt();
            Api.error(response, callback, 503, "server", "サービスを止めているところです");
        }
    }

    private void overBudget(Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "30");
        Api.error(response, callback, 503, "time", "評価が " + limits.maxSeconds()
                + " 秒を超えたので止めました");
    }

    private void failed(Response response, Callback callback, Throwable e) {
        if (e instanceof DataException data) {
            Api.problems(response, callback, 400, data.problems(), data.total());
        } else if (e instanceof TooLarge tooLarge) {
            Api.error(response, callback, 413, "rows", tooLarge.getMessage());
        } else if (e instanceof WorkMemory.Refused refused) {
            if (refused.tooLarge) {
                Api.error(response, callback, 413, "rows", refused.getMessage());
            } else {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "10");
                Api.error(response, callback, 503, "server", refused.getMessage());
            }
        } else if (e instanceof OverBudgetException) {
            overBudget(response, callback);
        } else if (e instanceof RuleSetException broken) {
            Api.json(response, callback, 500, json -> {
                json.writeArrayFieldStart("errors");
                for (var p : broken.problems()) {
                    json.writeStartObject();
                    json.writeStringField("location", Api.relative(p.file()) + (p.line() > 0 ? ":" + p.line() : ""));
                    json.writeStringField("message", "rules: " + p.message());
                    json.writeEndObject();
                }
                json.writeEndArray();
            });
        } else {
            LOG.error("evaluation failed", e);
            Api.error(response, callback, 500, "server", "評価に失敗しました: 理由はサーバーのログにあります");
        }
    }

    /** More rows than a request may have: a 413 with its message. */
    static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    private static void delete(Path sheet, boolean temporary) {
        if (temporary) {
            Folders.deleteTree(sheet.getParent());
        }
    }
}
