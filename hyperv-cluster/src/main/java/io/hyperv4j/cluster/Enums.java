package io.hyperv4j.cluster;

/** Value maps of root\MSCluster, as typed constants. */
final class Enums {
    private Enums() {
    }

    static <E extends Enum<E> & Coded> E fromCode(Class<E> type, long code, E unknown) {
        long c = code == 0xFFFFFFFFL ? -1 : code;
        for (E e : type.getEnumConstants()) if (e.code() == c) return e;
        return unknown;
    }

    interface Coded {
        long code();
    }
}
