package jp.kpireview.io;

/**
 * Files the system keeps beside a person's, never an edit of theirs: hidden ones ({@code ._区分表.csv}, which macOS
 * writes on a shared folder; this program's own {@code .results.csv.….tmp}) and Office's owner file of a workbook open
 * in Excel ({@code ~$区分表.xlsx}). Neither data nor rules, and not worth a word when a folder is read.
 */
public final class SystemFiles {

    private SystemFiles() {
    }

    public static boolean isSystemFile(String name) {
        return name.startsWith(".") || name.startsWith("~$");
    }
}
