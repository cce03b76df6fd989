package jp.kpireview.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The sheet a request works on: a bundled file it names ({@code ?data=NAME}), or the body it sends, saved to disk as
 * it arrives ({@link UploadReader}) under a name that cannot reach outside its temporary folder. A body that is too
 * slow, too large, empty or broken is answered here, and the work never starts.
 */
final class SheetIntake {

    private final BundledData bundled;
    private final ReviewService.Limits limits;

    SheetIntake(BundledData bundled, ReviewService.Limits limits) {
        this.bundled = bundled;
        this.limits = limits;
    }

    /** What to do with the sheet once it is on disk. */
    @FunctionalInterface
    interface WithSheet {
        void accept(Path sheet) throws IOException;
    }

    /**
     * The sheet the request names or sends, saved to a temporary folder, handed to {@code then}; an error is answered
     * instead. An upload is read as it arrives, and {@code then} runs on the thread that read its end.
     */
    void sheet(Request request, Response response, Callback callback, WithSheet then) throws IOException {
        String name = Api.query(request, "data");
        if (name != null) {
            Path file = bundled.resolve(name);
            if (file == null) {
                Api.error(response, callback, 404, "data", "同梱のデータ '" + name + "' はありません");
            } else {
                then.accept(file);
            }
            return;
        }
        upload(request, response, callback, then);
    }

    /** The body the request sends, saved to a temporary folder as it arrives, handed to {@code then}. */
    void upload(Request request, Response response, Callback callback, WithSheet then) throws IOException {
        if (request.getLength() > limits.maxBytes()) {
            // refused before a byte of the body is read: with Expect: 100-continue the client never sends it
            tooLarge(response, callback);
            return;
        }
        String given = Api.query(request, "name");
        UploadReader.read(request, limits.maxBytes(), bundled.uploadFolder(), workbook -> safeName(given == null
                ? (workbook ? "upload.xlsx" : "upload.csv") : given, workbook), saved -> {
                    try {
                        if (saved.file() != null) {
                            then.accept(saved.file());
                        } else {
                            refuse(saved, response, callback);
                        }
                    } catch (IOException | RuntimeException e) {
                        // on the thread that read the body's end, past the route's own handler
                        Api.failed(request, response, callback, e);
                    }
                });
    }

    /** The answer to a body that was not saved: too slow, too large, empty or broken. */
    private void refuse(UploadReader.Saved saved, Response response, Callback callback) {
        String slow = "シートの届くのが遅すぎました (毎秒 " + ReviewService.MIN_BODY_BYTES_PER_SECOND / 1024
                + " KB 未満): もう一度送ってください";
        if (saved.cut()) {
            Api.error(response, callback, 408, "body", slow);
        } else if (saved.bytes() > limits.maxBytes() || saved.failure() != null && status(saved.failure()) == 413) {
            tooLarge(response, callback);
        } else if (saved.failure() != null) {
            String why = String.valueOf(saved.failure().getMessage());
            Api.error(response, callback, 400, "body", why.toLowerCase(Locale.ROOT).contains("rate") ? slow
                    : "シートを読めませんでした: " + why);
        } else {
            Api.error(response, callback, 400, "body", "KPI のシート (CSV か .xlsx) を依頼の本文で送るか、"
                    + "?data=NAME で同梱のデータを選びます");
        }
    }

    private void tooLarge(Response response, Callback callback) {
        Api.error(response, callback, 413, "body", "シートが " + (limits.maxBytes() >> 20) + " MB を超えています");
    }

    /** The HTTP status Jetty attached to a failed read (413 for a body over the limit); 0 when it attached none. */
    private static int status(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http) {
                return http.getCode();
            }
        }
        return 0;
    }

    /** A file name for error messages that cannot reach outside the temporary folder. */
    private static String safeName(String name, boolean workbook) {
        Path given = Path.of(name.replace('\\', '/')).getFileName();
        String clean = (given == null ? "upload" : given.toString()).replaceAll("[^\\p{L}\\p{N}._-]", "_");
        String extension = workbook ? ".xlsx" : ".csv";
        return clean.toLowerCase(Locale.ROOT).endsWith(extension) ? clean : clean + extension;
    }
}
