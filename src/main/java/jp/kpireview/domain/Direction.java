package jp.kpireview.domain;

/**
 * The directions a KPI can have. What each means — which symbols name it, which way is better — is written in the
 * rules' direction table (rules/direction.drl), not here.
 */
public enum Direction {
    /** The KPI should rise (↗). */
    INCREASE,
    /** The KPI should fall (↘). */
    DECREASE,
    /** The KPI should keep the level of its target (→). */
    MAINTAIN
}
