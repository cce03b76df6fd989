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
        description = "Adds a person to the service's users file with a role, and prints their new token once (the"
                + " file keeps only its hash).")
final class UserCommand implements Callable<Integer> {

    @Option(names = "--users", required = true, paramLabel = "FILE",
            description = "The users file (made when there is none).")
    Path users;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "The person's name, as the history will show it.")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "閲覧 (viewer: reads reports and the history), 提案 (editor: also proposes table changes) or"
                    + " 公開 (publisher: also publishes and restores).")
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
