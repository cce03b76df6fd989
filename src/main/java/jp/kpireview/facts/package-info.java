/**
 * The vocabulary the rules in {@code rules/*.drl} are written in. Java inserts one {@link jp.kpireview.facts.KpiYear}
 * per KPI and year; each rule concern derives the next immutable stage from the previous one:
 * {@code KpiYear → Directed → Reference → RawScore → Score}, and the last rules put a band and the ☆ flag on the
 * score. Creating a stage with its {@code of(…)} factory also records it in the KPI's {@link jp.kpireview.facts.Outcome},
 * which is what Java reads back after the rules have fired. {@link jp.kpireview.facts.Decimals} holds the arithmetic
 * the rules call, with every policy number passed in from the rule.
 */
package jp.kpireview.facts;
