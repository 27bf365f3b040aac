package io.hyperv4j.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code sim:file:} labs of this JVM: one {@link Lab} per file, shared by every session open on
 * it, and the file's {@link LabLock} held from the first session's open to the last one's close.
 * Sessions in another JVM (or a CLI command) wait for the lock, then load what this JVM saved, so
 * no process's save undoes another's.
 */
final class FileLabs {
    private static final Map<Path, Entry> FILES = new ConcurrentHashMap<>();

    private FileLabs() {}

    /**
     * The lab of {@code file} for one more session, taking its lock (waiting up to {@code wait})
     * when no session in this JVM holds it, and (re)loading it with {@code opener} when it was
     * never loaded or another process saved it since.
     *
     * @return the lab and what the session calls when it closes
     */
    static Opened open(Path file, Duration wait, Supplier<Lab> opener) {
        Entry e = FILES.computeIfAbsent(file.toAbsolutePath().normalize(), Entry::new);
        return new Opened(e.acquire(wait, opener), e::release);
    }

    record Opened(Lab lab, Runnable release) {}

    private static final class Entry {
        private final Path file;
        private Lab lab;
        private LabLock lock;
        private int sessions;

        Entry(Path file) {
            this.file = file;
        }

        synchronized Lab acquire(Duration wait, Supplier<Lab> opener) {
            if (sessions == 0) {
                lock = LabLock.acquire(file, wait);
                try {
                    if (lab == null || lab.fileChangedElsewhere()) {
                        if (lab != null) lab.close();
                        lab = null;
                        lab = opener.get();
                    }
                } catch (RuntimeException ex) {
                    releaseLock();
                    throw ex;
                }
            }
            sessions++;
            return lab;
        }

        synchronized void release() {
            if (sessions == 0 || --sessions > 0) return;
            try {
                lab.saveIfChanged();
            } finally {
                releaseLock();
            }
        }

        private void releaseLock() {
            lock.close();
            lock = null;
        }
    }
}
