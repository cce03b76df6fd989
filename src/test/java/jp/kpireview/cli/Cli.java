package jp.kpireview.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process for tests. */
public final class Cli {

    private Cli() {
    }

    /** The exit code, a line break, then everything the command printed (standard output and errors together). */
    public static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        int exit = commandLine.execute(args);
        return exit + "\n" + out;
    }
}
