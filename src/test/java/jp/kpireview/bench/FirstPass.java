package jp.kpireview.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.reference.PlainReview;
import jp.kpireview.rulebase.RuleBase;

/**
 * The first pass of a new JVM over a data folder (FY2015–FY2019 of every file), the rules' or plain Java's, for
 * {@link Bench}: what each pays for the JIT compiler when nothing else has run before it (in the bench's own JVM a
 * first pass follows other work, whose compiled code and compiler queue it shares). Prints the seconds. Usage:
 * {@code FirstPass DATA rules|plain}.
 */
public final class FirstPass {

    private FirstPass() {
    }

    public static void main(String[] args) {
        List<List<Kpi>> sets = Bench.read(Path.of(args[0]));
        Runnable pass = switch (args[1]) {
            case "rules" -> {
                PolicyEngine engine = PolicyEngine.of(RuleBase.load(Path.of("rules")));
                yield () -> sets.forEach(s -> engine.withOwnCopy(own -> own.evaluate(s, Bench.YEARS)));
            }
            case "plain" -> () -> sets.forEach(s -> PlainReview.review(s, Bench.YEARS));
            default -> throw new IllegalArgumentException("rules or plain, not " + args[1]);
        };
        System.out.printf(Locale.ROOT, "%.3f%n", Pass.of(1, pass).first());
    }
}
