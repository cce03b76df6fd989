package jp.kpireview.cli;

import picocli.CommandLine.Option;

/** {@code --author NAME}: who the rule folder's history names as making a change (history --record, restore). */
final class AuthorOption {

    @Option(names = "--author", paramLabel = "NAME",
            description = "Who the history names as making the change (default: this machine's user name).")
    String name = System.getProperty("user.name");
}
