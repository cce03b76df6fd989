/**
 * The history of a rule folder: every version a commit of a git repository beside the folder (JGit), with who made
 * it, who published it, why, and the policy versions its reports print. {@link jp.kpireview.history.PolicyHistory}
 * reads and writes it (a publish made against the version it was checked against, a journal for a kill midway, a
 * lock for writers of other processes); {@link jp.kpireview.history.Staging} lays a version out beside the folder to
 * check it as validate and test-rules do; {@link jp.kpireview.history.Publisher} takes a version only when that check
 * is clean. The command line ({@code history}, {@code restore}) and the service's proposals use the same three.
 */
package jp.kpireview.history;
