package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.perf.CounterCatalog;
import io.hyperv4j.perf.CounterDefinition;
import io.hyperv4j.perf.CounterPath;
import io.hyperv4j.perf.CounterSetDefinition;
import io.hyperv4j.perf.PerfException;
import io.hyperv4j.perf.export.AtomicFiles;
import io.hyperv4j.perf.export.JsonLinesWriter;
import io.hyperv4j.perf.export.PrometheusWriter;
import io.hyperv4j.perf.export.RelogCsvWriter;
import io.hyperv4j.perf.export.Series;
import io.hyperv4j.perf.export.SvgReport;
import io.hyperv4j.perf.judge.HostFacts;
import io.hyperv4j.perf.judge.ThresholdRules;
import io.hyperv4j.perf.sampler.CounterSample;
import io.hyperv4j.perf.sampler.CounterSampleSet;
import io.hyperv4j.perf.sampler.CounterSampler;
import io.hyperv4j.perf.sampler.SampleListener;
import io.hyperv4j.perf.sampler.SampleView;
import io.hyperv4j.perf.sampler.SamplingClock;
import io.hyperv4j.perf.sampler.SamplingHandle;
import io.hyperv4j.perf.sim.LabCounterSource;
import io.hyperv4j.perf.source.CounterSource;
import io.hyperv4j.perf.source.HostUnavailableException;
import io.hyperv4j.perf.wmi.WmiRawCounterSource;
import io.hyperv4j.sim.Lab;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code hyperv counter}: performance counters, like Get-Counter. On a lab the counters come from
 * the simulated hosts (their VMs' states and workloads, on the lab clock); on a real host from the
 * WMI raw performance classes.
 */
public final class CounterNoun implements NounCommand {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] MORE = {"PATH2", "PATH3", "PATH4"};

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public String summary() {
        return "performance counters: get (Get-Counter), list, export (CSV, JSON lines, Prometheus), report (SVG)";
    }

    @Override
    public List<Verb> verbs() {
        return List.of(
                sampling(Verb.of("get", "sample counters; each PATH may list several, comma-separated"))
                        .flag("--continuous", "sample until interrupted"),
                Verb.of("list", "counter sets, or one set's counters and instances").option("--set", "NAME", "a counter set"),
                sampling(Verb.of("export", "sample counters into a file"))
                        .option("--format", "csv|json|prometheus", "relog CSV (default), JSON lines, or Prometheus text of the last sample")
                        .option("--out", "FILE", "the file to write"),
                sampling(Verb.of("report", "sample counters and chart them in an SVG report"))
                        .option("--out", "FILE", "the SVG file to write").option("--title", "TEXT", "the report's title"));
    }

    private static Verb sampling(Verb v) {
        v.arg("PATH");
        for (String m : MORE) v.optionalArg(m);
        return v.option("--interval", "DURATION", "time between samples, e.g. 1s, 500ms, 2m (default 1s)")
                .option("--samples", "N", "number of samples (default 1; report and export 60)");
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        switch (verb.name()) {
            case "list" -> list(args, ctx);
            case "get" -> get(args, ctx);
            case "export" -> export(args, ctx);
            case "report" -> report(args, ctx);
            default -> throw new UsageException(name(), "unknown verb " + verb.name());
        }
    }

    // ---- sources ----

    /** @param defaultHost where a path naming no machine is sampled: the host the command acts on, or null for a real host's own */
    private record Hosts(List<CounterSource> sources, SamplingClock clock, Function<String, HostFacts> facts, String defaultHost) {
    }

    private static Hosts hosts(CommandContext ctx) {
        Lab lab;
        try {
            lab = ctx.lab();
        } catch (CommandFailedException notALab) {
            WmiRawCounterSource wmi = new WmiRawCounterSource(ctx.session());
            return new Hosts(List.of(wmi), SamplingClock.system(), h -> null, null);
        }
        List<CounterSource> sources = new ArrayList<>();
        List<String> names = lab.read(Duration.ofSeconds(30), () -> lab.hosts().stream().map(io.hyperv4j.sim.SimHost::name).toList());
        SamplingClock clock = null;
        Map<String, Long> memory = new java.util.HashMap<>();
        for (String h : names) {
            long mb = lab.read(Duration.ofSeconds(30), () -> lab.host(h).memoryMb());
            memory.put(h.toLowerCase(Locale.ROOT), mb);
            LabCounterSource s = LabCounterSource.builder(lab, h).build(); // idle VMs on a quiet host
            sources.add(s);
            clock = s.clock();
        }
        return new Hosts(sources, clock, h -> h == null || !memory.containsKey(h.toLowerCase(Locale.ROOT)) ? null
                : new HostFacts(h, memory.get(h.toLowerCase(Locale.ROOT)), 10_000_000_000L), ctx.computerName());
    }

    private CounterSampler sampler(ParsedArgs args, CommandContext ctx, Hosts hosts, long defaultSamples, boolean continuous) {
        List<String> paths = new ArrayList<>(splitPaths(args.arg("PATH")));
        for (String m : MORE) args.optionalArg(m).ifPresent(p -> paths.addAll(splitPaths(p)));
        Duration interval = args.option("--interval").map(t -> Durations.parse(name(), "--interval", t)).orElse(Duration.ofSeconds(1));
        long samples = args.longOption("--samples", 1, 1_000_000).orElse(defaultSamples);
        try {
            CounterSampler.Builder b = CounterSampler.builder().interval(interval).clock(hosts.clock());
            hosts.sources().forEach(b::source);
            if (continuous) b.continuous();
            else b.samples(samples);
            // Get-Counter without a machine samples the computer it acts on (--computer-name), not every host of the lab
            List<CounterPath> parsed = paths.stream().map(CounterPath::parse)
                    .map(p -> p.machine() == null && hosts.defaultHost() != null ? p.withMachine(hosts.defaultHost()) : p).toList();
            return b.counters(parsed).build();
        } catch (io.hyperv4j.perf.CounterPathException e) {
            throw new UsageException(name(), e.getMessage());
        }
    }

    /** Splits "a,b" at commas outside parentheses (instance names may hold commas). */
    static List<String> splitPaths(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                if (i > start) out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        if (start < text.length()) out.add(text.substring(start).strip());
        return out;
    }

    // ---- verbs ----

    private void get(ParsedArgs args, CommandContext ctx) {
        Hosts hosts = hosts(ctx);
        boolean continuous = args.flag("--continuous");
        try (CounterSampler sampler = sampler(args, ctx, hosts, 1, continuous)) {
            SamplingHandle h = sampler.stream(new SampleListener() {
                @Override
                public void onSample(SampleView view) {
                    CounterSampleSet set = view.toSampleSet();
                    if (ctx.json()) ctx.out().println(JsonLinesWriter.toJson(set, ZoneId.systemDefault()));
                    else printText(ctx, set);
                }

                @Override
                public void onHostDown(String host, HostUnavailableException cause) {
                    ctx.err().println("hyperv: " + cause.getMessage());
                }
            });
            h.await(Duration.ofDays(3650));
        }
    }

    private static void printText(CommandContext ctx, CounterSampleSet set) {
        ctx.out().println("Timestamp: " + set.timestamp().atZone(ZoneId.systemDefault()).toLocalDateTime());
        for (CounterSample s : set.counterSamples()) {
            String v = s.isValid() ? String.format(Locale.ROOT, "%.4f", s.cookedValue()) : "unavailable (" + io.hyperv4j.perf.PdhStatus.name(s.status()) + ")";
            ctx.out().println("  " + s.path().toString().toLowerCase(Locale.ROOT) + " :");
            ctx.out().println("  " + v);
        }
        ctx.out().println();
    }

    private void list(ParsedArgs args, CommandContext ctx) {
        CounterCatalog catalog = CounterCatalog.standard();
        if (args.option("--set").isEmpty()) {
            ArrayNode arr = JSON.arrayNode();
            StringBuilder text = new StringBuilder();
            for (CounterSetDefinition s : catalog.sets()) {
                ObjectNode o = arr.addObject();
                o.put("CounterSetName", s.name());
                o.put("CounterSetType", s.multiInstance() ? "MultiInstance" : "SingleInstance");
                o.put("Description", s.description());
                o.put("Counters", s.counters().size());
                text.append(String.format(Locale.ROOT, "%-44s %-15s %3d counters%n", s.name(), s.multiInstance() ? "MultiInstance" : "SingleInstance", s.counters().size()));
            }
            ctx.output().result(arr, text.toString().stripTrailing());
            return;
        }
        CounterSetDefinition set;
        try {
            set = catalog.require(args.option("--set").get());
        } catch (PerfException e) {
            throw new CommandFailedException(e.getMessage());
        }
        Hosts hosts = hosts(ctx);
        ObjectNode o = JSON.objectNode();
        o.put("CounterSetName", set.name());
        o.put("CounterSetType", set.multiInstance() ? "MultiInstance" : "SingleInstance");
        o.put("WmiClass", set.wmiRawClass());
        ArrayNode paths = o.putArray("Paths");
        StringBuilder text = new StringBuilder(set.name() + " (" + set.wmiRawClass() + ")\n");
        for (CounterDefinition c : set.counters()) {
            paths.addObject().put("Counter", c.name()).put("CounterType", c.type().name()).put("Description", c.description());
            text.append(String.format(Locale.ROOT, "  %-34s %-34s %s%n", c.name(), c.type().name(), c.description()));
        }
        ObjectNode inst = o.putObject("Instances");
        for (CounterSource s : hosts.sources()) {
            ArrayNode a = inst.putArray(s.host());
            List<String> names = set.multiInstance() ? s.instances(set.name()) : List.of();
            names.forEach(a::add);
            if (set.multiInstance()) text.append("instances on ").append(s.host()).append(": ").append(String.join(", ", names)).append('\n');
        }
        ctx.output().result(o, text.toString().stripTrailing());
    }

    private static Path out(ParsedArgs args, String noun) {
        return Path.of(args.option("--out").orElseThrow(() -> new UsageException(noun, "option --out FILE is required")));
    }

    private void export(ParsedArgs args, CommandContext ctx) {
        Path file = out(args, name());
        String format = args.option("--format").orElse("csv").toLowerCase(Locale.ROOT);
        if (!List.of("csv", "json", "prometheus").contains(format)) {
            throw new UsageException(name(), "option --format must be csv, json or prometheus, got '" + format + "'");
        }
        Hosts hosts = hosts(ctx);
        try (CounterSampler sampler = sampler(args, ctx, hosts, 60, false)) { // closed also when sampling or writing fails
            List<CounterSampleSet> sets = sampler.run();
            StringWriter w = new StringWriter();
            switch (format) {
                case "csv" -> {
                    RelogCsvWriter csv = new RelogCsvWriter(w, sampler.counters(), ZoneId.systemDefault());
                    sets.forEach(csv::append);
                }
                case "json" -> {
                    JsonLinesWriter jl = new JsonLinesWriter(w, ZoneId.systemDefault());
                    sets.forEach(jl::append);
                }
                default -> w.write(PrometheusWriter.format(sets.get(sets.size() - 1)));
            }
            write(file, w.toString());
            ctx.output().result(JSON.objectNode().put("File", file.toString()).put("Samples", sets.size()).put("Counters", sampler.counters().size()),
                    "wrote " + sets.size() + " samples of " + sampler.counters().size() + " counters to " + file);
        }
    }

    private void report(ParsedArgs args, CommandContext ctx) {
        Path file = out(args, name());
        Hosts hosts = hosts(ctx);
        try (CounterSampler sampler = sampler(args, ctx, hosts, 60, false)) {
            List<CounterSampleSet> sets = sampler.run();
            String svg = SvgReport.render(args.option("--title").orElse("Counters of " + ctx.targetName()), Series.of(sampler),
                    ThresholdRules.seed000(), hosts.facts(), ZoneId.systemDefault());
            write(file, svg);
            ctx.output().result(JSON.objectNode().put("File", file.toString()).put("Samples", sets.size()).put("Counters", sampler.counters().size()),
                    "wrote a report of " + sampler.counters().size() + " counters over " + sets.size() + " samples to " + file);
        }
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
