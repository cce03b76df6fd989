package jp.kpireview.history;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit with no configuration but the repository's own: it reads no system or user git configuration (left alone, it
 * starts {@code git} to find the system's and writes {@code ~/.config/jgit/config}), and is told the file mode mask
 * rather than asking a shell for it, so the history behaves the same on every server whatever its users configured,
 * and the service starts no other program.
 */
final class NoUserConfig extends SystemReader.Delegate {

    /** Files readable by all, writable by their owner (022), as most systems make them. */
    private static final int USUAL_UMASK = 0022;

    private NoUserConfig(SystemReader delegate) {
        super(delegate);
    }

    static synchronized void install() {
        if (!(SystemReader.getInstance() instanceof NoUserConfig)) {
            SystemReader.setInstance(new NoUserConfig(SystemReader.getInstance()));
        }
        if (FS.DETECTED instanceof FS_POSIX posix) {
            // told rather than asked: JGit asks a shell (sh -c umask) the first time it writes a file
            posix.setUmask(USUAL_UMASK);
        }
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
        return empty(parent, fs);
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
        return empty(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
        return empty(parent, fs);
    }

    /** A configuration with no file behind it: nothing read, nothing written. */
    private static FileBasedConfig empty(Config parent, FS fs) {
        return new FileBasedConfig(parent, null, fs) {
            @Override
            public void load() {
                // no file
            }

            @Override
            public void save() {
                // no file
            }

            @Override
            public boolean isOutdated() {
                return false;
            }
        };
    }
}
