package io.hyperv4j.perf.judge;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.sampler.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Judges a sampled window the way the paper does: each counter's mean over the window against the
 * rules that apply to it. Counters without values are not judged (and not taken as zero).
 * Immutable, so thread-safe as long as the facts function is.
 */
public final class ThresholdEvaluator {
    private final ThresholdRules rules;
    private final Function<String, HostFacts> facts;

    /**
     * @param rules the rules to judge by
     * @param facts the facts of each host named in the counter paths
     */
    public ThresholdEvaluator(ThresholdRules rules, Function<String, HostFacts> facts) {
        this.rules = rules;
        this.facts = facts;
    }

    /**
     * Judges each counter's mean over the window.
     *
     * @param window each concrete counter's statistics over the window
     * @return the breaches, one per (rule, counter); empty when none
     */
    public List<Finding> evaluate(Map<CounterPath, Statistics> window) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<CounterPath, Statistics> e : window.entrySet()) {
            Statistics st = e.getValue();
            if (!st.hasValues()) continue;
            for (ThresholdRule r : rules.applicableTo(e.getKey())) {
                HostFacts f = factsOf(e.getKey());
                if (r.breached(st.mean(), f)) out.add(new Finding(r, e.getKey(), st.mean(), r.limit().value(f)));
            }
        }
        return out;
    }

    HostFacts factsOf(CounterPath p) {
        HostFacts f = facts.apply(p.machine());
        if (f == null) throw new PerfException("no host facts (memory, bandwidth) for host '" + p.machine() + "' to judge " + p);
        return f;
    }
}
