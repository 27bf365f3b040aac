package io.hyperv4j.sim;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimValue;
import java.time.Duration;
import java.time.Instant;

/** An intrinsic instance event: an instance was created, modified or deleted. */
public record InstanceEvent(Kind kind, CimInstance previous, CimInstance target, Instant time) {

    /** The three intrinsic event classes a subscription can select. */
    public enum Kind {
        CREATION("__InstanceCreationEvent"),
        MODIFICATION("__InstanceModificationEvent"),
        DELETION("__InstanceDeletionEvent");

        private final String className;

        Kind(String className) {
            this.className = className;
        }

        public String className() {
            return className;
        }
    }

    /** 100 ns intervals between 1601-01-01 (the FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    /** The namespace of the changed instance. */
    public String namespace() {
        return target.path().namespace();
    }

    /** The host the changed instance lives on. */
    public String host() {
        return target.path().server();
    }

    /**
     * The event as WMI delivers it: an instance of the event class with TargetInstance (and, for a
     * modification, PreviousInstance) as embedded objects and TIME_CREATED as a FILETIME (uint64).
     */
    public CimInstance toCim() {
        CimInstance.Builder b = CimInstance.builder(kind.className());
        if (kind == Kind.MODIFICATION) b.put("PreviousInstance", CimValue.object(WholeInstances.complete(previous)));
        b.put("TargetInstance", CimValue.object(WholeInstances.complete(target)));
        long ticks = Duration.between(Instant.EPOCH, time).toNanos() / 100 + FILETIME_EPOCH_OFFSET;
        b.put("TIME_CREATED", CimValue.uint64(ticks));
        return b.build();
    }
}
