package jp.kpireview.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import jp.kpireview.service.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = "サービスの利用者のファイルに人を役割とともに加え、その人の新しい合言葉を一度だけ表示します (ファイルには"
                + "そのハッシュだけが残ります) (adds a person to the users file).")
final class UserCommand implements Callable<Integer> {

    @Option(names = "--users", required = true, paramLabel = "FILE",
            description = "利用者のファイル (なければ作ります) (the users file).")
    Path users;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "その人の名前、履歴に出るとおり (the person's name).")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "閲覧 (報告書と履歴を見る)、提案 (表の変更も提案する)、公開 (公開と元に戻すこともする) のどれか"
                    + " (the role).")
    String role;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String token;
        try {
            token = Users.add(users, name, role);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().println(name.strip() + " さんを " + users + " に加えました。合言葉 (ここにだけ表示"
                + "します。本人に渡してください): " + token);
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
