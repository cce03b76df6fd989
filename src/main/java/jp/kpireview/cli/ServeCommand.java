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

    @Option(names = "--data", converter = InputPath.class, paramLabel = "DIR", defaultValue = "seeds",
            description = "Bundled data files the page offers (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "A host name the service is reached by, besides the address it listens on (repeatable),"
                    + " e.g. the machine's name on the city hall's network.")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--token-file", converter = InputPath.class, paramLabel = "FILE",
            description = "File holding the token requests need when the service listens beyond this machine"
                    + " (default: a new token at every start, printed once in the address to open).")
    Path tokenFile;

    @Option(names = "--users", converter = InputPath.class, paramLabel = "FILE",
            description = "The people the service knows and their roles (閲覧 reads, 提案 proposes table changes, 公開"
                    + " publishes and restores), made with kpi-review user; every request then needs a person's"
                    + " token, on this machine too.")
    Path users;

    @picocli.CommandLine.Mixin
    HistoryOption history;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!java.nio.file.Files.isDirectory(data)) {
            spec.commandLine().getErr().printf("誤り: %s: データのフォルダがありません (--data には、ページで選べる"
                    + " KPI のファイルのフォルダを書きます)%n", data);
            return Main.BAD_INPUT;
        }
        String token = null;
        if (tokenFile != null) {
            try {
                token = java.nio.file.Files.readString(tokenFile).strip();
            } catch (IOException e) {
                spec.commandLine().getErr().printf("誤り: %s: 合言葉 (token) のファイルを読めません (%s)%n", tokenFile,
                        e.getMessage());
                return Main.BAD_INPUT;
            }
            if (token.length() < 16) {
                spec.commandLine().getErr().printf("誤り: %s: 合言葉 (token) は 16 文字以上にします%n", tokenFile);
                return Main.BAD_INPUT;
            }
        }
        if (users != null && tokenFile != null) {
            spec.commandLine().getErr().printf("誤り: --users と --token-file は一緒に使えません: 利用者の表があれば、"
                    + "合言葉は一人ずつのものです%n");
            return Main.BAD_INPUT;
        }
        jp.kpireview.service.Users people = users == null ? null : jp.kpireview.service.Users.read(users);
        // the rule folder (--rules) is watched for edits; the history keeps every version it takes
        Path rules = history.rules;
        Path historyDir = history.dir != null ? history.dir : jp.kpireview.history.PolicyHistory.defaultDir(rules);
        try (RuleHolder holder = RuleHolder.start(rules, historyDir)) {
            ReviewService service;
            try {
                service = ReviewService.start(holder, data, ReviewService.Limits.DEFAULT, host, port, allowedHosts,
                        token, people);
            } catch (IOException e) {
                spec.commandLine().getErr().printf("誤り: %s:%d で待ち受けられません: %s%n", host, port,
                        e.getCause() instanceof BindException || e instanceof BindException
                                ? "ポートが使われています (ほかのサービス? --port で選びます)" : e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.BAD_INPUT;
            }
            try (service) {
                // the token is printed once, here, in the address to open; it is never logged
                String open = service.token() == null ? "" : (tokenFile == null ? "?token=" + service.token() : "");
                spec.commandLine().getOut().printf("serving http://%s:%d/%s with rules %s (%s, version %s in %s);"
                        + " requests are logged on standard error%s%n", host.contains(":") ? "[" + host + "]" : host,
                        service.port(), open, rules, holder.current().hash(), holder.history().head().shortId(),
                        historyDir, service.token() == null ? (people == null ? "" : "; every request needs a"
                        + " person's token (" + users + ")") : "; every request needs the token (open the address"
                        + " above once: the page keeps it in a cookie)");
                spec.commandLine().getOut().flush();
                new CountDownLatch(1).await();
            }
        }
        return Main.OK;
    }
}
