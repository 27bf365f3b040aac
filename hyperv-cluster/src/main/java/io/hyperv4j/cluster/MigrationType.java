package io.hyperv4j.cluster;

/** MoveToNewNodeEx Parameters.MigrationType (os-win: 4 live). */
public enum MigrationType implements Enums.Coded {
    QUICK(1), LIVE(4);

    private final long code;

    MigrationType(long code) {
        this.code = code;
    }

    @Override
    public long code() {
        return code;
    }
}
