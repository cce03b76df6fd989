package jp.kpireview.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that cannot be read or written is said in Japanese first, with its place and the system's own reason. */
class FileFailureTest {

    @TempDir
    Path dir;

    @Test
    void aReportUnderAFileNamesTheFileInTheWay() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "");
        Path target = file.resolve("results.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.create(target));
        assertEquals(target + " に書けません: 同じ名前のものがすでにあります: " + file + " (cannot write " + target
                + ": FileAlreadyExistsException: " + file + ")", e.getMessage());
    }

    @Test
    void aMissingFileIsSaidToBeMissing() {
        Path missing = dir.resolve("なし.drl");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TextFiles.readUtf8(missing));
        assertEquals(missing + " を読めません: ファイルかフォルダがありません (cannot read " + missing
                + ": NoSuchFileException)", e.getMessage());
    }

    @Test
    void theSystemsCommonReasonsAreSaidInJapanese() {
        assertEquals("out/results.csv に書けません: ディスクに空きがありません (cannot write out/results.csv: No space left"
                + " on device)", FileFailure.message(FileFailure.Act.WRITE, "out/results.csv",
                new IOException("No space left on device")));
        assertEquals("out を作れません: 途中にフォルダでないファイルがあります (cannot create out: Not a directory)",
                FileFailure.message(FileFailure.Act.CREATE, "out", new FileSystemException("out", null,
                        "Not a directory")));
        assertEquals("rules の中を見られません: 権限がありません (cannot list rules: Permission denied)",
                FileFailure.message(FileFailure.Act.LIST, "rules", new FileSystemException("rules", null,
                        "Permission denied")));
    }

    @Test
    void anUnknownReasonStillSaysWhatFailedInJapanese() {
        String message = FileFailure.message(FileFailure.Act.READ, "data.csv", new IOException("Input/output error"));
        assertEquals("data.csv を読めません: 入出力に失敗しました (cannot read data.csv: Input/output error)", message);
        assertFalse(FileFailure.message(FileFailure.Act.READ, "data.csv", new IOException()).contains("null"));
    }
}
