package jp.kpireview.domain;

/**
 * Which policy produced a result: the name of its rule folder (a policy period such as {@code FY2020 第2期}, or the
 * flat folder's name) and a short hash of its {@code .drl} files, so a published result can be traced to the exact
 * rules it came from.
 */
public record PolicyRef(String name, String hash) {

    /** {@code FY2020 第2期@3f2a1c4d}, as the reports print it. */
    public String label() {
        return name + "@" + hash;
    }
}
