package jp.kpireview.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import jp.kpireview.domain.DataException;
import jp.kpireview.rulebase.RuleSetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kpi-review command line. Exit codes: 0 done, 1 a check found differences, 2 bad input or rules. */
@Command(name = "kpi-review", mixinStandardHelpOptions = true, version = "kpi-review 0.1.0",
        resourceBundle = "cli.help",
        description = "まち・ひと・しごと創生総合戦略の KPI を、rules/ のルールで評価します (scores the KPIs of a municipal"
                + " strategy with the rules in rules/).")
public final class Main {

    /** The commands, in the order the help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(BatchCommand.class, EvaluateCommand.class,
            CheckCommand.class, ImportPublishedCommand.class, GenerateCommand.class, TestRulesCommand.class,
            ExplainCommand.class, ValidateCommand.class, DiffCommand.class, PlanCommand.class, ServeCommand.class,
            HistoryCommand.class, RestoreCommand.class, UserCommand.class);

    public static final int OK = 0;
    public static final int DIFFERENCES = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    public static void main(String[] args) {
        System.exit(commandLine(args).execute(args));
    }

    /** The command line with every command: the help lists them all. */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS);
    }

    /**
     * The command line for {@code args}: with only the command they name, or with every command when they name none
     * (the help, a mistyped command). Picocli reads a command's options by reflection when the command is added, and
     * its own classes (compiled for Java 5) cannot come from the JDK's AOT cache: adding the one command run saves a
     * new JVM about a tenth of a second, a sixth of a city's `evaluate`.
     */
    static CommandLine commandLine(String[] args) {
        for (Class<?> command : COMMANDS) {
            if (args.length > 0 && command.getAnnotation(Command.class).name().equals(args[0])) {
                return commandLine(List.of(command));
            }
        }
        return commandLine();
    }

    private static CommandLine commandLine(List<Class<?>> commands) {
        CommandLine commandLine = new CommandLine(new Main());
        commands.forEach(commandLine::addSubcommand);
        commandLine.setExecutionExceptionHandler(Main::report);
        // a mistyped option or value: the one line that says what is wrong and where to look, not the whole usage
        commandLine.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("誤り: " + inJapanese(e));
            err.println("(" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help でオプションの一覧が出ます)");
            err.flush();
            return BAD_INPUT;
        });
        return commandLine;
    }

    private static final java.util.regex.Pattern JAPANESE = java.util.regex.Pattern.compile("[\\p{IsHiragana}"
            + "\\p{IsKatakana}\\p{IsHan}]");

    /**
     * A mistake on the command line, Japanese first: picocli's own messages (a required option left out, a word it
     * does not know, a value of the wrong kind) are said in Japanese with picocli's words after them; the commands'
     * own messages are Japanese already.
     */
    static String inJapanese(CommandLine.ParameterException e) {
        String message = e.getMessage();
        if (JAPANESE.matcher(message).find()) {
            return message;
        }
        String said = switch (e) {
            case CommandLine.MissingParameterException missing -> "必要なオプションがありません: " + String.join("、",
                    missing.getMissing().stream().map(Main::name).toList());
            case CommandLine.UnmatchedArgumentException unmatched -> "知らないオプションか引数です: "
                    + String.join(" ", unmatched.getUnmatched());
            case CommandLine.OverwrittenOptionException overwritten -> "同じオプションが二度書かれています: "
                    + name(overwritten.getOverwritten());
            default -> "オプションか、その値が読めません";
        };
        return said + " (" + message + ")";
    }

    private static String name(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    /** Bad data and broken rules are the user's to fix: say where, without a stack trace. */
    private static int report(Exception e, CommandLine commandLine, CommandLine.ParseResult parsed) throws Exception {
        PrintWriter err = commandLine.getErr();
        if (e instanceof DataException data) {
            data.problems().forEach(p -> err.println("誤り: " + p));
            if (!data.more().isEmpty()) {
                err.println("誤り: " + data.more());
            }
        } else if (e instanceof RuleSetException rules) {
            rules.problems().forEach(p -> err.println("ルールの誤り: " + p));
        } else if (e instanceof jp.kpireview.history.HistoryException history) {
            err.println("誤り: " + history.getMessage());
        } else if (e instanceof UncheckedIOException io) {
            err.println("誤り: " + io.getMessage());
        } else {
            // a fault of kpi-review itself, not of the data or the rules: one line, and the trace for a bug report
            // only when asked for (KPI_REVIEW_DEBUG=1)
            err.println("内部の誤り: " + e + " (データやルールではなく kpi-review の不具合です。報告には"
                    + " KPI_REVIEW_DEBUG=1 をつけて実行し直した出力を添えてください)");
            if (System.getenv("KPI_REVIEW_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.flush();
            return INTERNAL;
        }
        err.flush();
        return BAD_INPUT;
    }
}
