package jp.kpireview.rulebase;

import java.io.IOException;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ThreadSafeOption;

/**
 * A rule folder compiled, and how its sessions are made: sessions any thread may open at once (the service, validate,
 * a small run), or — for a copy used by one thread at a time ({@link #copyForOneThread}) — sessions without Drools'
 * thread safety. Those skip a lock and two atomic counters on every insert and reuse one array per rule for its facts
 * (5–9 % of the rules' time, docs/scale-and-speed.md), which is safe only while no other thread fires the same
 * compiled rules meanwhile: Drools keeps that array in the rule itself. A copy therefore has rules of its own,
 * assembled again from the executable model's jar; whoever holds it lends it to one thread at a time.
 */
final class CompiledRules {

    private static final KieSessionConfiguration ONE_THREAD = threadUnsafe();

    private final KieBase kieBase;
    /** The executable model's jar these rules were assembled from; null for the classic build, which makes no jar. */
    private final byte[] jar;
    /** False for a copy whose sessions are not thread-safe: one thread at a time runs them. */
    private final boolean shared;

    private CompiledRules(KieBase kieBase, byte[] jar, boolean shared) {
        this.kieBase = kieBase;
        this.jar = jar;
        this.shared = shared;
    }

    /** Rules that any number of threads may run at once. */
    static CompiledRules shared(KieBase kieBase, byte[] jar) {
        return new CompiledRules(kieBase, jar, true);
    }

    /**
     * A copy for one thread at a time, with rules of its own; these rules themselves when there is no jar to copy
     * them from (the classic build), whose sessions stay thread-safe.
     */
    CompiledRules copyForOneThread() {
        if (jar == null) {
            return this;
        }
        try {
            KieBase copy = ModelJar.assemble(jar);
            return copy == null ? this : new CompiledRules(copy, jar, false);
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("the compiled rules could not be copied: " + e, e);
        }
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** True for a copy for one thread at a time: its sessions are not thread-safe; only their own thread halts them. */
    boolean oneThread() {
        return !shared;
    }

    KieSession newSession() {
        return shared ? kieBase.newKieSession() : kieBase.newKieSession(ONE_THREAD, null);
    }

    private static KieSessionConfiguration threadUnsafe() {
        KieSessionConfiguration configuration = KieServices.get().newKieSessionConfiguration();
        configuration.setOption(ThreadSafeOption.NO);
        return configuration;
    }
}
