package jp.kpireview.cli;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jp.kpireview.service.ReviewService;
import jp.kpireview.service.RuleHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serves the evaluation over HTTP: a page at / and a JSON API. Reloads the rule folder when it"
                + " changes, and keeps the last good rules when an edit is broken.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--rules", converter = InputPath.class, paramLabel = "DIR", defaultValue = "rules",
            description = "Rule folder, watched for edits (default: ${DEFAULT-VALUE}).")
    Path rules;

    @Option(names = "--data", converter = InputPath.class, paramLabel = "DIR", defaultValue = "seeds",
            description = "Bundled data files the page offers (default: ${DEFAULT-VALUE}).")
    Path data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (RuleHolder holder = RuleHolder.start(rules)) {
            ReviewService service;
            try {
                service = ReviewService.start(holder, data, ReviewService.Limits.DEFAULT, host, port);
            } catch (IOException e) {
                spec.commandLine().getErr().printf("error: cannot serve on %s:%d: %s%n", host, port,
                        e.getCause() instanceof BindException || e instanceof BindException
                                ? "the port is in use (another service? choose one with --port)" : e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.BAD_INPUT;
            }
            try (service) {
                spec.commandLine().getOut().printf("serving http://%s:%d/ with rules %s (%s); requests are logged"
                        + " on standard error%n", host, service.port(), rules, holder.current().hash());
                spec.commandLine().getOut().flush();
                new CountDownLatch(1).await();
            }
        }
        return Main.OK;
    }
}
