package io.hyperv4j.cluster;

/** MoveToNewNodeEx Parameters.MigrationType (os-win: 4 live). */
public enum MigrationType implements Enums.Coded {
    /** 1: quick migration (save, move, restore). */
    QUICK(1),
    /** 4: live migration (the VM keeps running). */
    LIVE(4);

    private final long code;

    MigrationType(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
