package jp.kpireview.rulebase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import jp.kpireview.io.TextFiles;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.InitialFact;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;

/**
 * The rules of one folder ({@code rules/*.drl}), compiled at run time so that an edit takes effect without rebuilding
 * Java: to Drools' executable model (the rules as Java classes), which {@link RuleCache} keeps until the folder
 * changes. A folder that does not compile is refused with each file's first error, located by file and line by the
 * classic (mvel) build, whose messages speak DRL.
 */
public final class RuleBase {

    static {
        // The agenda's queue of rules ready to fire: Drools' binary heap instead of its default tree set. Both order
        // the rules by one total order (salience, then the order the rules were loaded), so the rules fire in the same
        // order; the heap does less work each time a rule becomes ready (about 4 % of the rules' time,
        // docs/scale-and-speed.md). Drools reads it once, when it makes its first agenda: after this class is loaded.
        if (System.getProperty("org.drools.queuetype") == null) {
            System.setProperty("org.drools.queuetype", "binaryheap");
        }
    }

    /** All rule files share one package; Drools wants their resource path to match it. */
    private static final String RESOURCE_FOLDER = "src/main/resources/kpireview/rules/";
    private static final Object MODEL_BUILDS = new Object();

    private final Path folder;
    private final List<Path> files;
    private final List<RuleFiles.RuleFile> ruleFiles;
    private final CompiledRules compiled;
    /**
     * The files parsed: where each rule is written, and the tables' layout. Made when the rules are compiled;
     * when they come from the rule cache, only once a place is asked for (an error, explain, validate), so a run of
     * unchanged rules parses nothing.
     */
    private volatile RuleSources sources;
    private final boolean cached;
    /** Where these rules are kept in the rule cache; null when the cache is off. */
    private final CacheEntry entry;
    /** Why the executable model was refused, when the classic build runs these rules; null otherwise. */
    private final String modelRefusal;

    /** The rule cache, and the key of these rules in it. */
    private record CacheEntry(RuleCache cache, String key) {
    }

    private RuleBase(Path folder, List<RuleFiles.RuleFile> ruleFiles, RuleSources sources, CompiledRules compiled,
            boolean cached, String modelRefusal, CacheEntry entry) {
        this.entry = entry;
        this.modelRefusal = modelRefusal;
        this.folder = folder;
        this.files = ruleFiles.stream().map(RuleFiles.RuleFile::path).toList();
        this.ruleFiles = ruleFiles;
        this.compiled = compiled;
        this.sources = sources;
        this.cached = cached;
    }

    private RuleBase(RuleSources sources, CompiledRules compiled, String modelRefusal, CacheEntry entry) {
        this(sources.folder(), sources.files(), sources, compiled, false, modelRefusal, entry);
    }

    /**
     * Compiles {@code folder}, or takes its compiled form from the rule cache when the folder is unchanged since it
     * was last compiled (see {@link RuleCache}).
     */
    public static RuleBase load(Path folder) {
        return load(folder, RuleCache.configured());
    }

    static RuleBase load(Path folder, RuleCache cache) {
        List<RuleFiles.RuleFile> files = ruleFiles(folder);
        // the key is the files as they are on disk: unchanged files were parsed, checked and compiled when the entry
        // was written, so a hit needs none of that again
        String key = cache == null ? null : RuleCache.key(contents(files));
        CompiledRules cachedRules = cache == null ? null : cache.read(key);
        CacheEntry entry = cache == null ? null : new CacheEntry(cache, key);
        if (cachedRules != null) {
            return new RuleBase(folder, files, null, cachedRules, true, null, entry);
        }
        RuleSources sources = RuleSources.read(folder, files);
        Model model = compileModel(sources.texts(), cache, key);
        // the executable model refused the folder: the classic build reports why, located in DRL terms (or, should it
        // accept what the executable model refused, its rules are used, and not cached)
        return new RuleBase(sources, model.rules() != null ? model.rules()
                : CompiledRules.shared(compileClassic(sources), null), model.refusal(), entry);
    }

    /**
     * True when an earlier run checked these very rules (the same files, Drools and build) on {@code years} and found
     * no error, so a run need not probe them again.
     */
    public boolean checkedClean(List<Integer> years) {
        return entry != null && entry.cache().checkedClean(entry.key(), years);
    }

    /** Records that these rules were checked on {@code years} with no error, for the runs after this one. */
    public void markCheckedClean(List<Integer> years) {
        if (entry != null) {
            entry.cache().markCheckedClean(entry.key(), years);
        }
    }

    /** Each file's bytes, by name (as Latin-1 text: every byte kept), for the cache key. */
    private static Map<String, String> contents(List<RuleFiles.RuleFile> files) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (RuleFiles.RuleFile file : files) {
            try {
                contents.put(file.name(), new String(Files.readAllBytes(file.path()),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new RuleSetException(new RuleProblem(file.path().toString(), 0, "ファイルを読めません: "
                        + e.getMessage()));
            }
        }
        return contents;
    }

    /** The parse of the files, made now if the rules came from the cache; null when the files no longer parse. */
    private RuleSources sources() {
        RuleSources parsed = sources;
        if (parsed == null) {
            synchronized (this) {
                if (sources == null) {
                    try {
                        sources = RuleSources.read(folder, ruleFiles);
                    } catch (RuleSetException | UncheckedIOException e) {
                        return null;  // edited since they were cached, and broken: no places to give
                    }
                }
                parsed = sources;
            }
        }
        return parsed;
    }

    /** The folder built the classic (mvel) way only, as before the cache: to compare the two builds' results. */
    static RuleBase classic(Path folder) {
        RuleSources sources = RuleSources.read(folder, ruleFiles(folder));
        return new RuleBase(sources, CompiledRules.shared(compileClassic(sources), null), null, null);
    }

    /**
     * The executable model of a folder, or why Drools refused to make one ({@code rules} null): the classic build
     * then runs the rules, but nothing is cached, so every run compiles them again.
     */
    private record Model(CompiledRules rules, String refusal) {
    }

    /** Compiles the rules to the executable model (the rules as Java classes), which the cache keeps. */
    private static Model compileModel(Map<String, String> texts, RuleCache cache, String key) {
        // One release id for every build, one build at a time: Drools keeps something of each executable-model release
        // id it has built for the life of the process (about 10 KB), so a new id per build grew a watching service's
        // heap with every edit (measured: 12.2 → 15.8 MB over 320 rebuilds, flat with one id).
        synchronized (MODEL_BUILDS) {
            return compileModel(texts, cache, key, KieServices.Factory.get());
        }
    }

    private static Model compileModel(Map<String, String> texts, RuleCache cache, String key,
            KieServices services) {
        ReleaseId model = services.newReleaseId("kpireview", "rules", "1.0.0");
        try {
            KieBuilder builder = services.newKieBuilder(fileSystem(services, model, texts))
                    .buildAll(ExecutableModelProject.class);
            if (builder.getResults().hasMessages(Message.Level.ERROR)) {
                return new Model(null, CompilerWords.say(firstLine(builder.getResults()
                        .getMessages(Message.Level.ERROR).get(0).getText())).text());
            }
            KieBase kieBase = services.newKieContainer(model).getKieBase();
            // the jar is what the cache keeps, and what a copy of the rules for one thread is assembled from
            byte[] jar = ((InternalKieModule) builder.getKieModule()).getBytes();
            if (cache != null) {
                cache.write(key, jar);
            }
            return new Model(CompiledRules.shared(kieBase, jar), null);
        } catch (RuntimeException e) {
            // some mistakes make the executable model's code generator throw rather than report them
            return new Model(null, CompilerWords.say(firstLine(String.valueOf(e.getMessage()))).text());
        } finally {
            // the KieBase is all the engine keeps; the module would otherwise stay in Drools' global repository for
            // the life of the process, one per reload of a watched folder
            services.getRepository().removeKieModule(model);
        }
    }

    /** Compiles the rules the classic (mvel) way; a folder that does not compile is refused with located errors. */
    private static KieBase compileClassic(RuleSources sources) {
        KieServices services = KieServices.Factory.get();
        ReleaseId classic = services.newReleaseId("kpireview", "rules", "1.0.0-" + UUID.randomUUID());
        KieBuilder builder = services.newKieBuilder(fileSystem(services, classic, sources.texts())).buildAll();
        try {
            List<RuleProblem> errors = sources.firstErrorPerFile(builder);
            if (!errors.isEmpty()) {
                throw new RuleSetException(errors);
            }
            return services.newKieContainer(classic).getKieBase();
        } finally {
            services.getRepository().removeKieModule(classic);
        }
    }

    private static KieFileSystem fileSystem(KieServices services, ReleaseId releaseId, Map<String, String> texts) {
        KieFileSystem kfs = services.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        // a table goes in as the DRL its template wrote from its rows
        texts.forEach((name, text) -> kfs.write(RESOURCE_FOLDER + RuleSources.resourceName(name), text));
        return kfs;
    }

    /**
     * The rules that decide about KPIs, by name: every rule except those with an empty {@code when}, which only
     * define a table (the band scale, the direction symbols) and fire once per session.
     */
    public List<String> kpiRuleNames() {
        return decidingRules().stream().map(Rule::getName).sorted().toList();
    }

    /** The rules with a condition: those that decide about KPIs and summaries (not the tables). */
    public List<Rule> decidingRules() {
        return compiled.kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .filter(r -> !(r instanceof RuleImpl impl) || !unconditional(impl))
                .sorted(java.util.Comparator.comparing(Rule::getName)).toList();
    }

    /** An empty {@code when}: no condition at all, or (in the executable model) only Drools' own initial fact. */
    private static boolean unconditional(RuleImpl rule) {
        return rule.getLhs().getChildren().stream().allMatch(c -> c instanceof Pattern p
                && p.getObjectType() instanceof ClassObjectType type
                && InitialFact.class.isAssignableFrom(type.getClassType()));
    }

    /** True when the folder was unchanged since an earlier run compiled it, and its compiled form was reused. */
    public boolean cached() {
        return cached;
    }

    public KieBase kieBase() {
        return compiled.kieBase();
    }

    /**
     * A copy of these rules for one thread at a time, whose sessions skip Drools' thread safety (a batch's worker,
     * which opens one session after another): whoever holds it must never let two threads run it at once; see
     * {@link CompiledRules}.
     */
    public RuleBase copyForOneThread() {
        return new RuleBase(folder, ruleFiles, sources, compiled.copyForOneThread(), cached, modelRefusal, entry);
    }

    /** True for a copy for one thread at a time ({@link #copyForOneThread}): only that thread halts its sessions. */
    public boolean oneThread() {
        return compiled.oneThread();
    }

    /** A new session of these rules. */
    public KieSession newSession() {
        return compiled.newSession();
    }

    public Path folder() {
        return folder;
    }

    /** The first place in the rule files where {@code text} is written; null when it is nowhere. */
    public RuleProblem locate(String text) {
        for (Path file : files) {
            try {
                List<String> lines = TextFiles.readUtf8(file).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(text)) {
                        return new RuleProblem(file.toString(), i + 1, "");
                    }
                }
            } catch (IOException e) {
                // a file that cannot be read again says nothing about where the text is
            }
        }
        return null;
    }

    /**
     * Where a table row's value was refused, as the officer finds it: the table's file, the row, and the column whose
     * code takes the value ({@code 区分表.csv:9: 「下限」(B列): …}).
     */
    public RuleProblem locate(jp.kpireview.facts.TableValueException e) {
        RuleSources parsed = sources();
        return parsed != null ? parsed.locate(e) : new RuleProblem(folder.toString(), 0, e.at() + ": "
                + e.getMessage());
    }

    /** True for a rule a template wrote from a row of a table. */
    public boolean fromTable(Rule rule) {
        return RuleTable.isTable(locate(rule).file());
    }

    /** Where {@code rule} is written: its file and the line of its {@code rule "…"} header. */
    public RuleProblem locate(Rule rule) {
        // every rule that compiled was parsed first, so its place is known; the folder is the last resort
        RuleSources parsed = sources();
        RuleProblem place = parsed == null ? null : parsed.placeOfRule().get(rule.getName());
        return place != null ? place : new RuleProblem(folder.toString(), 0, "");
    }

    public List<Path> files() {
        return files;
    }

    /** Why Drools' executable model refused these rules (they run, but are compiled again every run); or null. */
    public String modelRefusal() {
        return modelRefusal;
    }

    /** The first line of Drools' message, without the names of Java exceptions an officer cannot act on. */
    private static String firstLine(String text) {
        String first = text.strip().lines().findFirst().orElse("")
                .replaceAll("[\\w.$]*(Exception|Error)\\b:?\\s*", "").strip();
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }

    /** The files the policy runs with, each with the folder it is shared from (empty for the folder's own). */
    public List<RuleFiles.RuleFile> ruleFiles() {
        return ruleFiles;
    }

    /** The file of this name the policy runs with (its own or a shared one); null when it has none. */
    public Path file(String name) {
        return ruleFiles.stream().filter(f -> f.name().equals(name)).map(RuleFiles.RuleFile::path).findFirst()
                .orElse(null);
    }

    private static List<RuleFiles.RuleFile> ruleFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RuleSetException(RuleProblem.noFolder(folder));
        }
        List<RuleFiles.RuleFile> files = RuleFiles.of(folder);
        if (files.isEmpty()) {
            throw new RuleSetException(new RuleProblem(folder.toString(), 0, "フォルダにルールのファイル (.drl) がありません (no .drl files in the rule folder)"));
        }
        return files;
    }
}
