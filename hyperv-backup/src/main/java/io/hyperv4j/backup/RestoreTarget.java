package io.hyperv4j.backup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a restore puts a recovery point.
 *
 * @param kind   the kind of target
 * @param host   the host for {@link Kind#HOST}, otherwise null
 * @param folder the folder for {@link Kind#FOLDER} (or where a {@link Kind#HOST} restore keeps its disks), otherwise null
 */
public record RestoreTarget(Kind kind, String host, Path folder) {
    /** The kinds of target DPM offers for a Hyper-V VM. */
    public enum Kind {
        /** Over the VM itself, as a cluster resource when it is one. */
        ORIGINAL,
        /** A new VM on a host's Hyper-V, not registered as a cluster resource. */
        HOST,
        /** The VM's files copied into a folder. */
        FOLDER
    }

    /**
     * Checks the fields fit the kind.
     *
     * @param kind   the kind of target
     * @param host   the host for HOST
     * @param folder the folder for FOLDER and HOST
     */
    public RestoreTarget {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.HOST && (host == null || host.isBlank() || folder == null))
            throw new IllegalArgumentException("a restore to a host needs the host's name and a folder for the disks");
        if (kind == Kind.FOLDER && folder == null) throw new IllegalArgumentException("a restore to a folder needs the folder");
    }

    /**
     * The original location.
     *
     * @return the target
     */
    public static RestoreTarget original() {
        return new RestoreTarget(Kind.ORIGINAL, null, null);
    }

    /**
     * A new VM on {@code host}, its disks in {@code folder}.
     *
     * @param host   the host's name
     * @param folder where the disks go
     * @return the target
     */
    public static RestoreTarget host(String host, Path folder) {
        return new RestoreTarget(Kind.HOST, host, folder);
    }

    /**
     * The VM's files into {@code folder}.
     *
     * @param folder the folder
     * @return the target
     */
    public static RestoreTarget folder(Path folder) {
        return new RestoreTarget(Kind.FOLDER, null, folder);
    }
}
