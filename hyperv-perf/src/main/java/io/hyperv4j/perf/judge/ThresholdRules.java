package io.hyperv4j.perf.judge;

import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.PerfException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An ordered, id-keyed set of threshold rules. Immutable; {@link #with}/{@link #without} copy. */
public final class ThresholdRules {
    private final Map<String, ThresholdRule> rules;

    private ThresholdRules(Map<String, ThresholdRule> rules) {
        this.rules = rules;
    }

    /**
     * The rules in {@code list}, in order.
     *
     * @param list the rules
     * @return the set
     * @throws io.hyperv4j.perf.PerfException when two rules share an id
     */
    public static ThresholdRules of(List<ThresholdRule> list) {
        Map<String, ThresholdRule> m = new LinkedHashMap<>();
        for (ThresholdRule r : list) {
            if (m.putIfAbsent(r.id(), r) != null) throw new PerfException("duplicate threshold rule id '" + r.id() + "'");
        }
        return new ThresholdRules(m);
    }

    /**
     * The thresholds of seed paper 000 (Table 3-5, from Microsoft Japan's server-virtualization
     * configuration guide): % Total Run Time 60 %, % Committed Bytes In Use 90 % (critical: add
     * memory and page file), Available MBytes 10 % of physical memory, Pages/sec 500, Avg. Disk
     * sec/Read and sec/Write 15 ms, Bytes Total/sec 41 % of bandwidth, Output Queue Length above 1
     * (warning) and above 2 (critical: a bottleneck).
     *
     * @return the rules
     */
    public static ThresholdRules seed000() {
        return of(List.of(
                rule("cpu.total-run-time", "\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time", Comparison.AT_LEAST,
                        Limit.fixed(60), Severity.WARNING, "processors busy: watch the host, move VMs off"),
                rule("memory.committed", "\\Memory\\% Committed Bytes In Use", Comparison.AT_LEAST, Limit.fixed(90),
                        Severity.CRITICAL, "add physical memory and enlarge the paging file"),
                rule("memory.available", "\\Memory\\Available MBytes", Comparison.AT_MOST, Limit.fractionOfPhysicalMemoryMb(0.10),
                        Severity.WARNING, "little free memory: watch the host"),
                rule("memory.pages", "\\Memory\\Pages/sec", Comparison.AT_LEAST, Limit.fixed(500), Severity.WARNING,
                        "possible memory bottleneck"),
                rule("disk.read-latency", "\\PhysicalDisk(*)\\Avg. Disk sec/Read", Comparison.AT_LEAST, Limit.fixed(0.015),
                        Severity.WARNING, "possible disk bottleneck"),
                rule("disk.write-latency", "\\PhysicalDisk(*)\\Avg. Disk sec/Write", Comparison.AT_LEAST, Limit.fixed(0.015),
                        Severity.WARNING, "possible disk bottleneck"),
                rule("network.utilisation", "\\Network Interface(*)\\Bytes Total/sec", Comparison.AT_LEAST,
                        Limit.fractionOfBandwidthBytesPerSecond(0.41), Severity.WARNING, "network busy: watch the adapter"),
                rule("network.queue", "\\Network Interface(*)\\Output Queue Length", Comparison.ABOVE, Limit.fixed(1),
                        Severity.WARNING, "packets queue: watch the adapter"),
                rule("network.queue-bottleneck", "\\Network Interface(*)\\Output Queue Length", Comparison.ABOVE, Limit.fixed(2),
                        Severity.CRITICAL, "sending is delayed: the adapter is a bottleneck")));
    }

    /**
     * The thresholds of seed paper 004 (Appendix 1, Exchange on Hyper-V with SCDPM backups):
     * Processor\% Processor Time at least 80 % (the body text's limit; the appendix says
     * "constantly 85 %"), Memory\Available MBytes at most 100 MB, and PhysicalDisk\Avg. Disk Queue
     * Length above the disk's spindle count plus 2, for {@code spindles} (the paper's LUs: 6 for
     * the system and database LU, 4 for the log LU, as printed).
     *
     * @param spindlesByDisk each disk instance's spindle count
     * @return the rules
     */
    public static ThresholdRules seed004(Map<String, Integer> spindlesByDisk) {
        List<ThresholdRule> l = new ArrayList<>(List.of(
                rule("cpu.processor-time", "\\Processor(*)\\% Processor Time", Comparison.AT_LEAST, Limit.fixed(80),
                        Severity.WARNING, "processor bottleneck if it stays there"),
                rule("memory.available-100mb", "\\Memory\\Available MBytes", Comparison.AT_MOST, Limit.fixed(100),
                        Severity.WARNING, "less than 100 MB free")));
        spindlesByDisk.forEach((disk, spindles) -> l.add(new ThresholdRule("disk.queue." + disk,
                CounterPath.parse("\\PhysicalDisk(" + disk + ")\\Avg. Disk Queue Length"), Comparison.ABOVE,
                Limit.fixed(spindles + 2), Severity.WARNING, "disk bottleneck: queue above spindles + 2")));
        return of(l);
    }

    private static ThresholdRule rule(String id, String path, Comparison c, Limit l, Severity s, String advice) {
        return new ThresholdRule(id, CounterPath.parse(path), c, l, s, advice);
    }

    /**
     * Parses one rule: {@code ID PATH OP LIMIT SEVERITY}, where LIMIT is a number, or N% followed
     * by "memory" or "bandwidth" as the last word before SEVERITY, e.g.
     * {@code memory.pages \Memory\Pages/sec >= 500 warning} or
     * {@code net.busy \Network Interface(*)\Bytes Total/sec >= 41% bandwidth warning}.
     *
     * @param line the rule's text
     * @return the rule
     * @throws io.hyperv4j.perf.PerfException when the text is not a rule (the message says what is wrong)
     */
    public static ThresholdRule parse(String line) {
        String[] w = line.strip().split("\\s+");
        if (w.length < 5) throw new PerfException("threshold rule '" + line + "': expected ID PATH OP LIMIT SEVERITY");
        int op = -1;
        for (int i = 2; i < w.length; i++) {
            if (w[i].matches(">=|>|<=|<")) {
                op = i;
                break;
            }
        }
        if (op < 0) throw new PerfException("threshold rule '" + line + "': no comparison (>=, >, <=, <)");
        String path = String.join(" ", java.util.Arrays.copyOfRange(w, 1, op));
        Severity severity;
        try {
            severity = Severity.valueOf(w[w.length - 1].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PerfException("threshold rule '" + line + "': unknown severity '" + w[w.length - 1] + "' (information, warning, critical)");
        }
        List<String> limitWords = List.of(w).subList(op + 1, w.length - 1);
        Limit limit;
        try {
            String first = limitWords.get(0);
            if (first.endsWith("%") && limitWords.size() == 2) {
                double f = Double.parseDouble(first.substring(0, first.length() - 1)) / 100;
                limit = switch (limitWords.get(1).toLowerCase(Locale.ROOT)) {
                    case "memory" -> Limit.fractionOfPhysicalMemoryMb(f);
                    case "bandwidth" -> Limit.fractionOfBandwidthBytesPerSecond(f);
                    default -> throw new PerfException("threshold rule '" + line + "': a percentage is of 'memory' or 'bandwidth'");
                };
            } else if (limitWords.size() == 1) {
                limit = Limit.fixed(Double.parseDouble(first));
            } else {
                throw new PerfException("threshold rule '" + line + "': cannot read limit '" + String.join(" ", limitWords) + "'");
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new PerfException("threshold rule '" + line + "': limit is not a number");
        }
        return new ThresholdRule(w[0], CounterPath.parse(path), Comparison.parse(w[op]), limit, severity, "");
    }

    /**
     * The rules, in order.
     *
     * @return a copy
     */
    public List<ThresholdRule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * A copy with {@code rule} added, or replacing the rule with the same id.
     *
     * @param rule the rule
     * @return the new set
     */
    public ThresholdRules with(ThresholdRule rule) {
        Map<String, ThresholdRule> m = new LinkedHashMap<>(rules);
        m.put(rule.id(), rule);
        return new ThresholdRules(m);
    }

    /**
     * A copy without the rule {@code id}.
     *
     * @param id the rule's id
     * @return the new set
     * @throws io.hyperv4j.perf.PerfException when there is no such rule
     */
    public ThresholdRules without(String id) {
        if (!rules.containsKey(id)) throw new PerfException("no threshold rule '" + id + "'; rules are " + rules.keySet());
        Map<String, ThresholdRule> m = new LinkedHashMap<>(rules);
        m.remove(id);
        return new ThresholdRules(m);
    }

    /**
     * Rules that apply to a concrete counter.
     *
     * @param concrete a counter without wildcards
     * @return the rules, in order; empty when none
     */
    public List<ThresholdRule> applicableTo(CounterPath concrete) {
        List<ThresholdRule> out = new ArrayList<>();
        for (ThresholdRule r : rules.values()) if (r.applies(concrete)) out.add(r);
        return out;
    }
}
