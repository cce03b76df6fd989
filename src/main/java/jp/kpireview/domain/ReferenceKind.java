package jp.kpireview.domain;

import java.util.Locale;

/** Which value a score was measured against: a code for programs, a name for people. */
public enum ReferenceKind {
    /** An annual target (年度目標値) the city set for the year (annual_target_FYyyyy column). */
    ANNUAL_TARGET("年度目標値"),
    /** The annual target on the straight path from the baseline to the final target. */
    LINEAR("道筋"),
    /** The final target, used when the actual is behind the baseline. */
    FINAL("目標値"),
    /** A maintain KPI, scored between a tolerance floor and its target. */
    MAINTAIN("維持");

    private final String japanese;
    /** Made once: every row of results.csv and results.json carries it. */
    private final String code;

    ReferenceKind(String japanese) {
        this.japanese = japanese;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    /** The code results.csv and results.json carry: {@code annual_target}. */
    public String code() {
        return code;
    }

    /**
     * The kind as the terminal table names it, in the policy's words: the city's target of the year is called as
     * the policy calls it (年度目標値, 目安値 …).
     */
    public String named(Terms terms) {
        return this == ANNUAL_TARGET ? terms.annualTargetWord() : japanese;
    }
}
