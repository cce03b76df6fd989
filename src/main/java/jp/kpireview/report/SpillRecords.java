package jp.kpireview.report;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import jp.kpireview.io.FileFailure;

/**
 * The rows of one spill file of report.xlsx ({@link SpillRows}), read on a thread of their own a few batches ahead of
 * the thread that writes the workbook. Reading them back (then parsing CSV) was a third of writing a nationwide
 * workbook, which is done on one thread after the run while the other core has nothing to do; now the two overlap.
 * At most {@link #AHEAD} batches of {@link #BATCH} records are held, so memory stays small. Read it once, in a try-with-resources: closing it early
 * (the writer failed) stops the parsing thread.
 */
final class SpillRecords implements Iterable<SpillRows.Row>, AutoCloseable {

    private static final int BATCH = 1_000;
    private static final int AHEAD = 4;

    /** One batch of records; the last is empty, or carries what failed. */
    private record Batch(List<SpillRows.Row> records, Exception failure) {
        boolean last() {
            return records.isEmpty();
        }
    }

    private final Path spill;
    private final BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(AHEAD);
    private final Thread parser;

    private SpillRecords(Path spill) {
        this.spill = spill;
        this.parser = Thread.ofPlatform().daemon().name("report.xlsx " + spill.getFileName()).unstarted(this::parse);
    }

    static SpillRecords read(Path spill) {
        SpillRecords records = new SpillRecords(spill);
        records.parser.start();
        return records;
    }

    private void parse() {
        try {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 1 << 16))) {
                List<SpillRows.Row> batch = new ArrayList<>(BATCH);
                for (SpillRows.Row row = SpillRows.read(in); row != null; row = SpillRows.read(in)) {
                    batch.add(row);
                    if (batch.size() == BATCH) {
                        batches.put(new Batch(batch, null));
                        batch = new ArrayList<>(BATCH);
                    }
                }
                if (!batch.isEmpty()) {
                    batches.put(new Batch(batch, null));
                }
                batches.put(new Batch(List.of(), null));
            } catch (IOException | RuntimeException e) {
                // whatever failed, the writer gets a last batch, so it never waits for one that will not come
                batches.put(new Batch(List.of(), e));
            }
        } catch (InterruptedException e) {
            // closed before the end: the writer has stopped reading
        }
    }

    @Override
    public Iterator<SpillRows.Row> iterator() {
        return new Iterator<>() {
            private Iterator<SpillRows.Row> batch = List.<SpillRows.Row>of().iterator();
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && !done) {
                    Batch next = take();
                    done = next.last();
                    if (next.failure() != null) {
                        throw FileFailure.of(FileFailure.Act.READ, spill, next.failure() instanceof IOException io ? io
                                : new IOException(next.failure().getMessage(), next.failure()));
                    }
                    batch = next.records().iterator();
                }
                return batch.hasNext();
            }

            @Override
            public SpillRows.Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private Batch take() {
        try {
            return batches.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while writing report.xlsx"));
        }
    }

    /** Stops the parsing thread if it is still at work and waits for it, so that the spill file can be deleted. */
    @Override
    public void close() {
        parser.interrupt();
        try {
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
