package jp.kpireview.engine;

/**
 * An evaluation stopped because its caller's time budget ran out (a service request): not the rules' fault and not
 * the data's; the sessions were halted and the thread is free again.
 */
public class OverBudgetException extends RuntimeException {

    public OverBudgetException(String message) {
        super(message);
    }
}
