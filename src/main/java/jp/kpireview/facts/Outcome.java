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

    private Status status;
    private Direction direction;
    private ReferenceKind referenceKind;
    private BigDecimal reference;
    private BigDecimal rawScore;
    private BigDecimal score;
    private Band band;
    private boolean achieved;
    private final List<Problem> problems = new ArrayList<>(0);
    private final List<RuleStep> trace = new ArrayList<>(0);

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

    /** A clamped score makes the KPI scored. */
    void score(BigDecimal value) {
        score = value;
        status = Status.SCORED;
    }

    public void status(Status value) {
        status = value;
    }

    public void band(Band value) {
        band = value;
    }

    public void achieved(boolean value) {
        achieved = value;
    }

    public void problem(String field, String message) {
        problems.add(new Problem(field, message));
    }

    /** Recorded only when the engine traces: the rules that fired for this KPI, in order. */
    public void fired(RuleStep step) {
        trace.add(step);
    }

    public List<RuleStep> trace() {
        return trace;
    }

    public Status status() {
        return status;
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
