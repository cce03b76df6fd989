package jp.kpireview.facts;

/** Which way of a KPI's values is better, as the rules' direction table says for each direction. */
public enum Better {
    /** A higher value is better (↗, and → kept at or above its target in Otaru's table). */
    HIGHER,
    /** A lower value is better (↘). */
    LOWER
}
