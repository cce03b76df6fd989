package jp.kpireview.domain;

/** Where a value came from, so every error can name the file and line a person has to fix. */
public record SourceLocation(String file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
