package jp.kpireview.domain;

import java.util.Locale;

/** Which value a score was measured against. */
public enum ReferenceKind {
    /** An annual target (年度目標値) the city set for the year (annual_target_FYyyyy column). */
    ANNUAL_TARGET,
    /** The annual target on the straight path from the baseline to the final target. */
    LINEAR,
    /** The final target, used when the actual is behind the baseline. */
    FINAL,
    /** A maintain KPI, scored between a tolerance floor and its target. */
    MAINTAIN;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
