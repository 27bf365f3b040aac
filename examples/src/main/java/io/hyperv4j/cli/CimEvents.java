package io.hyperv4j.cli;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@code hyperv cim subscribe}: the events of a WQL event query printed as they arrive, one line
 * each: with --json a JSON object per line (the event as {@code cim get} shows an instance), else
 * the time, the event class, the target instance's path and, for a modification, what changed.
 * Waiting is on the target's clock, so a simulated lab's jobs run on while it waits.
 */
final class CimEvents {
    /** A subscription ends after this long unless --timeout says otherwise: every wait is finite. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);
    /** 100 ns intervals between 1601-01-01 (FILETIME, __Event.TIME_CREATED) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    private CimEvents() {}

    /** Subscribes, prints each event as it comes until {@code count} arrived or {@code timeout} passed; returns how many. */
    static long print(CommandContext ctx, String namespace, String wql, long count, Duration timeout) {
        CimSession session = ctx.session();
        CompletableFuture<Void> enough = new CompletableFuture<>();
        long[] seen = {0};
        Object printing = new Object();
        try (Subscription ignored = session.subscribe(namespace, wql, event -> {
            synchronized (printing) { // events may come from several threads; lines never interleave
                if (enough.isDone()) return;
                if (ctx.json()) ctx.output().jsonLine(CimJson.instance(event));
                else ctx.out().println(line(event));
                ctx.out().flush();
                if (++seen[0] >= count) enough.complete(null);
            }
        })) {
            try {
                session.await(enough, timeout);
            } catch (CimException e) {
                if (e.error() != CimError.TIMED_OUT) throw e;
            }
        }
        synchronized (printing) {
            enough.complete(null);
            if (!ctx.json()) ctx.err().println(seen[0] + (seen[0] == 1 ? " event" : " events"));
            return seen[0];
        }
    }

    /** {@code 2025-01-06T09:00:05Z __InstanceModificationEvent \\HV01\...:Msvm_ComputerSystem.Name="..." EnabledState: 10 -> 2} */
    static String line(CimInstance event) {
        StringBuilder b = new StringBuilder();
        CimValue created = event.get("TIME_CREATED");
        if (created != null && !created.isNull()) b.append(fromFiletime(created.asLong())).append(' ');
        b.append(event.className());
        CimInstance target = embedded(event, "TargetInstance");
        if (target == null) return b.toString();
        b.append(' ').append(target.path() != null ? target.path().toString() : target.className());
        CimInstance previous = embedded(event, "PreviousInstance");
        if (previous != null) for (String change : changes(previous, target)) b.append(' ').append(change);
        return b.toString();
    }

    /** "Name: before -> after" for each property whose value differs. */
    static List<String> changes(CimInstance before, CimInstance after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, CimValue> e : after.properties().entrySet()) {
            CimValue was = before.get(e.getKey());
            if (!Objects.equals(text(was), text(e.getValue())))
                out.add(e.getKey() + ": " + text(was) + " -> " + text(e.getValue()));
        }
        return out;
    }

    private static String text(CimValue v) {
        return v == null || v.isNull() ? "null" : v.toString();
    }

    private static CimInstance embedded(CimInstance event, String property) {
        CimValue v = event.get(property);
        return v == null || v.isNull() ? null : v.asInstance();
    }

    private static Instant fromFiletime(long ticks) {
        long since1970 = ticks - FILETIME_EPOCH_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(since1970, 10_000_000L), Math.floorMod(since1970, 10_000_000L) * 100);
    }
}
