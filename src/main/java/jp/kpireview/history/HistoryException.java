package jp.kpireview.history;

/** A history that cannot do what was asked, said for the officer (the command line prints it after 誤り:). */
public class HistoryException extends RuntimeException {

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
