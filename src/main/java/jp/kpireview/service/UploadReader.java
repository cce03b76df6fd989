package jp.kpireview.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;
import java.util.function.Function;
import jp.kpireview.io.Folders;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Saves a request body to a temporary folder of its own as its chunks arrive, holding no thread while it waits for
 * the next one (Jetty calls it back when there is more): a client that sends its body two bytes a second costs a
 * socket until {@link BodyRate} cuts it, never one of the server's threads, and the sheet waits on disk, not in the
 * heap. A body over the limit is read on and dropped up to {@link ReviewService#SWALLOWED_BYTES} more before it is
 * refused, so the client, still sending, gets the 413 rather than a reset connection.
 */
final class UploadReader implements Runnable {

    /**
     * How the body ended: saved as {@code file}, or not ({@code file} null) because it was empty, over the limit
     * ({@code bytes} tells), too slow ({@code cut}) or broken ({@code failure}).
     */
    record Saved(Path file, long bytes, boolean cut, Throwable failure) {
    }

    private final Request request;
    private final int max;
    private final Function<Boolean, String> name;
    private final Consumer<Saved> done;
    private final Path folder;
    private final Path saved;
    private final FileChannel out;
    private final BodyRate rate;
    private final byte[] head = new byte[4];
    private long bytes;

    private UploadReader(Request request, int max, Function<Boolean, String> name, Consumer<Saved> done, Path folder)
            throws IOException {
        this.request = request;
        this.max = max;
        this.name = name;
        this.done = done;
        this.folder = folder;
        this.saved = folder.resolve("upload");
        this.out = FileChannel.open(saved, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.rate = new BodyRate(request);
    }

    /**
     * Starts reading the body of {@code request} into {@code folder}; {@code done} is called once, on whichever thread
     * read its end. {@code name} names the saved file, told whether its bytes are a workbook's (they start "PK\3\4").
     */
    static void read(Request request, int max, Path folder, Function<Boolean, String> name, Consumer<Saved> done)
            throws IOException {
        new UploadReader(request, max, name, done, folder).run();
    }

    @Override
    public void run() {
        try {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    finish(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                try {
                    ByteBuffer buffer = chunk.getByteBuffer();
                    int n = buffer.remaining();
                    rate.add(n);
                    for (int i = 0; bytes + i < head.length && i < n; i++) {
                        head[(int) bytes + i] = buffer.get(buffer.position() + i);
                    }
                    if (bytes + n <= max) {
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                    }
                    bytes += n;
                } finally {
                    chunk.release();
                }
                if (last || bytes > (long) max + ReviewService.SWALLOWED_BYTES) {
                    finish(null);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            finish(e);
        }
    }

    private void finish(Throwable failure) {
        rate.close();
        Saved result;
        try {
            out.close();
            if (failure != null || bytes == 0 || bytes > max) {
                Folders.deleteTree(folder);
                result = new Saved(null, bytes, rate.cut(), failure);
            } else {
                boolean workbook = bytes >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
                result = new Saved(Files.move(saved, folder.resolve(name.apply(workbook))), bytes, false, null);
            }
        } catch (IOException | RuntimeException e) {
            Folders.deleteTree(folder);
            result = new Saved(null, bytes, rate.cut(), e);
        }
        done.accept(result);
    }
}
