package jp.kpireview.domain;

/**
 * The directions a KPI can have. What each means — which symbols name it, which way is better — is written in the
 * rules' direction table (rules/direction.drl), not here.
 */
public enum Direction {
    /** The KPI should rise (↗). */
    INCREASE("増加"),
    /** The KPI should fall (↘). */
    DECREASE("減少"),
    /** The KPI should keep the level of its target (→). */
    MAINTAIN("維持");

    private final String japanese;

    Direction(String japanese) {
        this.japanese = japanese;
    }

    /** 増加, 減少, 維持: the direction's name in the tables officers write. */
    public String japanese() {
        return japanese;
    }

    /** The direction named {@code name} (増加 or increase); null when none is. */
    public static Direction named(String name) {
        for (Direction d : values()) {
            if (d.japanese.equals(name.strip()) || d.name().equalsIgnoreCase(name.strip())) {
                return d;
            }
        }
        return null;
    }
}
