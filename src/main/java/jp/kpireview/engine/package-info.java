/**
 * Evaluating: the compiled rules ({@code jp.kpireview.rulebase}) run over a municipality's KPIs, one session for all
 * its years, within the firing bound; each year under the policy in force that year; results read back from the
 * facts, the summaries, and the explanation of each rule that fired in the policy's own words.
 */
package jp.kpireview.engine;
