package jp.kpireview.facts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import jp.kpireview.domain.Band;
import jp.kpireview.domain.Direction;
import jp.kpireview.domain.ReferenceKind;
import jp.kpireview.domain.RuleStep;
import jp.kpireview.domain.Status;

/**
 * What the rules concluded about one KPI-year. Not a fact: rules write to it, they never match on it, so writing
 * costs no re-evaluation. Java reads it after the rules have fired.
 */
public final class Outcome {

    /** A data problem a rule found, e.g. an unknown direction. */
    public record Problem(String field, String message) {
    }

    /** A status a rule set (no actual, a status of its own …); a KPI with a band is judged instead. */
    private Status status;
    private String statusReason = "";
    private Direction direction;
    private ReferenceKind referenceKind;
    private BigDecimal reference;
    private BigDecimal rawScore;
    private BigDecimal score;
    private Band band;
    private boolean achieved;
    // empty and shared until a rule records something: most KPI-years have neither a problem nor a trace
    private List<Problem> problems = List.of();
    private List<RuleStep> trace = List.of();

    void direction(Direction value) {
        direction = value;
    }

    void reference(ReferenceKind kind, BigDecimal value) {
        referenceKind = kind;
        reference = value;
    }

    void rawScore(BigDecimal value) {
        rawScore = value;
    }

    void score(BigDecimal value) {
        score = value;
    }

    public void status(Status value) {
        status = value;
    }

    /** A status with the reason the rules give for it (対象外: 市の判断により …). */
    public void status(Status value, String reason) {
        status = value;
        statusReason = reason == null ? "" : reason;
    }

    public void band(Band value) {
        band = value;
    }

    public void achieved(boolean value) {
        achieved = value;
    }

    public void problem(String field, String message) {
        if (problems.isEmpty()) {
            problems = new ArrayList<>(2);
        }
        problems.add(new Problem(field, message));
    }

    /** Recorded only when the engine traces: the rules that fired for this KPI, in order. */
    public void fired(RuleStep step) {
        if (trace.isEmpty()) {
            trace = new ArrayList<>();
        }
        trace.add(step);
    }

    public List<RuleStep> trace() {
        return trace;
    }

    /**
     * The status: the one a rule set, else scored when the KPI has a band and a score, judged when it has a band
     * alone; null when the rules concluded nothing.
     */
    public Status status() {
        if (status != null) {
            return status;
        }
        if (band != null) {
            return score != null ? Status.SCORED : Status.JUDGED;
        }
        return null;
    }

    /** The status a rule set explicitly; null when none did. */
    public Status setStatus() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Direction direction() {
        return direction;
    }

    public ReferenceKind referenceKind() {
        return referenceKind;
    }

    public BigDecimal reference() {
        return reference;
    }

    public BigDecimal rawScore() {
        return rawScore;
    }

    public BigDecimal score() {
        return score;
    }

    public Band band() {
        return band;
    }

    public boolean achieved() {
        return achieved;
    }

    public List<Problem> problems() {
        return problems;
    }
}
