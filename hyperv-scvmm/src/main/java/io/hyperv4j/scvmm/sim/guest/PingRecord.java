package io.hyperv4j.scvmm.sim.guest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A continuous ping of one VM's address (one echo a second): the intervals without a reply. */
public final class PingRecord {
    private final String vm;
    private final List<Instant[]> gaps = new ArrayList<>();
    private Instant lostSince;

    PingRecord(String vm) {
        this.vm = vm;
    }

    void sample(Instant at, boolean answered) {
        if (!answered && lostSince == null) lostSince = at;
        if (answered && lostSince != null) {
            gaps.add(new Instant[] {lostSince, at});
            lostSince = null;
        }
    }

    /**
     * The unreachable intervals so far, each as [first lost echo, first answered echo); one still open ends now.
     *
     * @param now the time to close an open interval at
     * @return the lengths
     */
    public List<Duration> losses(Instant now) {
        List<Duration> out = new ArrayList<>(gaps.stream().map(g -> Duration.between(g[0], g[1])).toList());
        if (lostSince != null) out.add(Duration.between(lostSince, now));
        return out;
    }

    /**
     * All unreachable time so far.
     *
     * @param now the time to close an open interval at
     * @return the total
     */
    public Duration total(Instant now) {
        return losses(now).stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String toString() {
        return "ping " + vm + ": " + gaps.size() + " interval(s) lost";
    }
}
