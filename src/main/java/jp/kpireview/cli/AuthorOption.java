package jp.kpireview.cli;

import picocli.CommandLine.Option;

/** {@code --author NAME}: who the rule folder's history names as making a change (history --record, restore). */
final class AuthorOption {

    @Option(names = "--author", paramLabel = "NAME",
            description = "履歴に残る、変更した人の名前 (既定: このマシンの利用者名) (who made the change).")
    String name = System.getProperty("user.name");
}
