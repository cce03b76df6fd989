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
        description = "評価を HTTP で提供します: / のページと JSON の API。ルールのフォルダが変わると読み直し、編集に誤りが"
                + "あれば最後の正しいルールのままにします (serves the evaluation over HTTP).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "ポート (既定: ${DEFAULT-VALUE}) (port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "待ち受けるアドレス (既定: ${DEFAULT-VALUE}、このマシンだけ) (address to listen on).")
    String host;

    @Option(names = "--data", converter = InputPath.class, paramLabel = "DIR", defaultValue = "seeds",
            description = "ページが選べる同梱のデータ (既定: ${DEFAULT-VALUE}) (bundled data files).")
    Path data;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "待ち受けるアドレスのほかに、このサービスを呼ぶ名前 (例 庁内ネットワークでのマシン名)。何回でも書け"
                    + "ます (another host name the service is reached by).")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(names = "--token-file", converter = InputPath.class, paramLabel = "FILE",
            description = "このマシンの外から使うときに要る合言葉 (token) のファイル (既定: 起動ごとに新しく作り、開くアドレスに"
                    + "一度だけ表示) (the token file).")
    Path tokenFile;

    @Option(names = "--users", converter = InputPath.class, paramLabel = "FILE",
            description = "サービスを使う人と役割 (閲覧: 見る、提案: 表の変更を提案する、公開: 公開し元に戻す) のファイル。"
                    + "kpi-review user で作ります。このとき、このマシンからでも人ごとの合言葉が要ります (the users file).")
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
        // read now (a file with a mistake stops the start), and again whenever it changes while the service runs
        jp.kpireview.service.UsersFile people = users == null ? null : jp.kpireview.service.UsersFile.open(users);
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
                spec.commandLine().getOut().printf("http://%s:%d/%s で待ち受けています: ルール %s (%s、版 %s、履歴 %s)。"
                        + "リクエストは標準エラーに記録します%s (serving)%n", host.contains(":") ? "[" + host + "]" : host,
                        service.port(), open, rules, holder.current().hash(), holder.history().head().shortId(),
                        historyDir, service.token() == null ? (people == null ? "" : "。どのリクエストにも一人ずつの"
                        + "合言葉が要ります (利用者の表 " + users + ")") : "。どのリクエストにも合言葉が要ります (上の"
                        + "アドレスを一度開くと、ページが cookie に持ちます)");
                spec.commandLine().getOut().flush();
                new CountDownLatch(1).await();
            }
        }
        return Main.OK;
    }
}
