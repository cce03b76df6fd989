package jp.kpireview.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import jp.kpireview.domain.Kpi;
import jp.kpireview.engine.PolicyEngine;
import jp.kpireview.rulebase.RuleBase;

/**
 * Rule folders against each other in one JVM, for {@code bin/ab --folders}: each round runs one pass of the rules
 * alone per folder, starting with the next folder each round, and the passes of the first two rounds (the JIT
 * compiling) are left out. Two ways of writing a policy are then compared on the same compiled Drools and the same
 * moment of a noisy machine: about ±2 % between folders, where separate JVMs differ by ±5–25 %. Prints one line per
 * folder, {@code FOLDER best S median S}. Usage: {@code FolderPasses DATA ROUNDS FOLDER...}.
 */
public final class FolderPasses {

    /** Rounds left out while the JIT compiles. */
    private static final int WARM_UP = 2;

    private FolderPasses() {
    }

    public static void main(String[] args) {
        List<List<Kpi>> sets = Bench.read(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        if (rounds <= WARM_UP) {
            throw new IllegalArgumentException("ROUNDS must be above " + WARM_UP + ": the first ones warm the JIT");
        }
        List<String> folders = List.of(args).subList(2, args.length);
        List<PolicyEngine> engines = new ArrayList<>();
        folders.forEach(folder -> engines.add(PolicyEngine.of(RuleBase.load(Path.of(folder)))));
        double[][] seconds = new double[folders.size()][rounds - WARM_UP];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < folders.size(); i++) {
                int folder = (i + round) % folders.size();
                PolicyEngine engine = engines.get(folder);
                long started = System.nanoTime();
                // as a batch runs the rules: on a copy of them for one thread at a time
                sets.forEach(set -> engine.withOwnCopy(own -> own.evaluate(set, Bench.YEARS)));
                if (round >= WARM_UP) {
                    seconds[folder][round - WARM_UP] = (System.nanoTime() - started) / 1e9;
                }
            }
        }
        for (int folder = 0; folder < folders.size(); folder++) {
            double[] passes = seconds[folder];
            Arrays.sort(passes);
            System.out.printf(Locale.ROOT, "%s best %.3f median %.3f%n", folders.get(folder), passes[0],
                    passes[passes.length / 2]);
        }
    }
}
