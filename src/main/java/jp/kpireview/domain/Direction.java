package jp.kpireview.domain;

/** Which way a KPI should move. The rules map the symbols printed in a table (↗ ↘ → …) onto these. */
public enum Direction {
    /** Higher is better. */
    INCREASE(1),
    /** Lower is better. */
    DECREASE(-1),
    /** Keep the level of the target (or above it). */
    MAINTAIN(1);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** +1 where a rise is progress, −1 where a fall is. */
    public int sign() {
        return sign;
    }
}
