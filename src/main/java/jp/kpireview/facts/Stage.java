package jp.kpireview.facts;

/** A fact about one KPI-year: the input or one of the stages derived from it. */
public interface Stage {

    KpiYear kpi();
}
