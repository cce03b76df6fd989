package jp.kpireview.facts;

/**
 * Test code only: a rule of the tests' own that takes its time ({@code Pause.forSeconds(6)}), to see what the service
 * does while an evaluation runs. A rule may not sleep (RuleLanguage refuses {@code Thread.sleep}); this type lives in
 * the facts' package on the test class path only, so the shipped product has no such call.
 */
public final class Pause {

    private Pause() {
    }

    /** Waits {@code seconds}, as a slow rule would take them. */
    public static void forSeconds(int seconds) {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
