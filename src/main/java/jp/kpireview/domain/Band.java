package jp.kpireview.domain;

import java.math.BigDecimal;

/**
 * One band of the score scale (評価区分), e.g. ○ "50~100". A band runs from its lower edge (inclusive) up to the
 * next band's lower edge; the lowest band has no lower edge. The edges are written in rules/bands.drl.
 */
public record Band(String mark, String label, BigDecimal lower) {
}
