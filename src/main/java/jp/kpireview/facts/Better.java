package jp.kpireview.facts;

/** Which way of a KPI's values is better, as the rules' direction table says for each direction. */
public enum Better {
    /** A higher value is better (↗, and → kept at or above its target in Otaru's table). */
    HIGHER("高いほど良い"),
    /** A lower value is better (↘). */
    LOWER("低いほど良い");

    private final String japanese;

    Better(String japanese) {
        this.japanese = japanese;
    }

    /** 高いほど良い, 低いほど良い: as the direction table writes it. */
    public String japanese() {
        return japanese;
    }

    /** The way named {@code name} (高いほど良い or higher); null when none is. */
    public static Better named(String name) {
        for (Better b : values()) {
            if (b.japanese.equals(name.strip()) || b.name().equalsIgnoreCase(name.strip())) {
                return b;
            }
        }
        return null;
    }
}
