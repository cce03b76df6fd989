/**
 * Building the rules: a rule folder's files read (its own and those its 共通.txt shares), checked file by file and
 * against the rule language, its tables turned into rules by their templates, compiled by Drools into the
 * executable model or read back from the cache, every mistake located at its file, line and column in Japanese. The
 * result is a {@link jp.kpireview.rulebase.RuleBase}; evaluating it is {@code jp.kpireview.engine}'s, and nothing
 * here depends on that package.
 */
package jp.kpireview.rulebase;
