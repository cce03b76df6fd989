package jp.kpireview.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading text files that must be UTF-8: a file saved as Shift_JIS is refused, not read as mojibake. */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * The file's text, without the byte order mark Excel writes at the start of a CSV UTF-8 file; throws {@link
     * CharacterCodingException} when it is not valid UTF-8.
     */
    public static String readUtf8(Path file) throws CharacterCodingException {
        try {
            // the JDK's own reading reports malformed input and decodes straight into the string's bytes
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw e;
        } catch (IOException e) {
            throw FileFailure.of(FileFailure.Act.READ, file, e);
        }
    }
}
