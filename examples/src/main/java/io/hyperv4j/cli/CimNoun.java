package io.hyperv4j.cli;

import io.hyperv4j.cim.CimError;
import io.hyperv4j.cim.CimException;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.cim.schema.CimSchema;
import io.hyperv4j.job.JobOperation;
import io.hyperv4j.job.Operation;
import io.hyperv4j.job.ReturnCodes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code hyperv cim ...}: raw CIM access, like the CimCmdlets (Get-CimInstance, Invoke-CimMethod,
 * Get-CimAssociatedInstance). Default namespace root\virtualization\v2.
 */
public final class CimNoun implements NounCommand {
    static final String DEFAULT_NAMESPACE = "root\\virtualization\\v2";
    /** How long {@code cim invoke} waits for a job it started, on the session's clock. */
    static final Duration JOB_TIMEOUT = Duration.ofHours(2);

    private static final Verb QUERY = Verb.of("query", "Run a WQL query (Get-CimInstance -Query)")
            .arg("WQL").option("--namespace", "NS", "namespace, default " + DEFAULT_NAMESPACE);
    private static final Verb GET = Verb.of("get", "Get the instance at an object path (Get-CimInstance)").arg("PATH");
    private static final Verb INVOKE = Verb.of("invoke", "Invoke a method (Invoke-CimMethod); waits for a job it starts")
            .arg("PATH").arg("METHOD")
            .repeatableOption("--param", "Name=Value", "an in-parameter as text; repeat a name for an array;"
                    + " embedded instances as CIM-XML")
            .flag("--as-job", "return at once with the job's path instead of waiting");
    private static final Verb ASSOCIATORS = Verb.of("associators", "Instances associated with PATH (Get-CimAssociatedInstance)")
            .arg("PATH").option("--result-class", "C", "only instances of class C")
            .option("--assoc-class", "A", "only through association class A");

    private static final Verb SUBSCRIBE = Verb.of("subscribe", "Print events of a WQL event query as they arrive"
                    + " (Register-CimIndicationEvent); stops after --count events or --timeout")
            .arg("WQL").option("--namespace", "NS", "namespace, default " + DEFAULT_NAMESPACE)
            .option("--count", "N", "stop after N events")
            .option("--timeout", "DURATION", "stop after this long on the target's clock, e.g. 90s, 10m (default "
                    + CimEvents.DEFAULT_TIMEOUT.toMinutes() + "m)");
    private static final Verb DESCRIBE = Verb.of("describe", "A class's properties and methods with their parameters, from the schema")
            .arg("CLASS").option("--namespace", "NS", "namespace, default " + DEFAULT_NAMESPACE);

    private final MethodArguments.Signatures signatures;

    public CimNoun() {
        this(SchemaSignatures.INSTANCE);
    }

    CimNoun(MethodArguments.Signatures signatures) {
        this.signatures = signatures;
    }

    @Override
    public String name() {
        return "cim";
    }

    @Override
    public String summary() {
        return "raw CIM access: query, get, invoke, associators, subscribe, describe";
    }

    @Override
    public List<Verb> verbs() {
        return List.of(QUERY, GET, INVOKE, ASSOCIATORS, SUBSCRIBE, DESCRIBE);
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        switch (verb.name()) {
            case "query" -> {
                String wql = args.arg("WQL");
                io.hyperv4j.cim.CimLimits.queryProblem(wql).ifPresent(why -> {
                    throw new UsageException("cim", why);
                });
                printInstances(ctx, ctx.session().query(args.option("--namespace").orElse(DEFAULT_NAMESPACE), wql));
            }
            case "get" -> {
                CimInstance i = ctx.session().get(path(args.arg("PATH")));
                ctx.output().result(CimJson.instance(i), CimText.instance(i));
            }
            case "invoke" -> invoke(args, ctx);
            case "associators" -> printInstances(ctx, ctx.session().associators(path(args.arg("PATH")),
                    args.option("--assoc-class").orElse(null), args.option("--result-class").orElse(null)));
            case "subscribe" -> CimEvents.print(ctx, args.option("--namespace").orElse(DEFAULT_NAMESPACE), args.arg("WQL"),
                    args.option("--count").map(t -> count("cim", t)).orElse(Long.MAX_VALUE),
                    args.option("--timeout").map(t -> Durations.parse(name(), "--timeout", t)).orElse(CimEvents.DEFAULT_TIMEOUT));
            case "describe" -> {
                CimSchema schema = CimSchema.forNamespace(args.option("--namespace").orElse(DEFAULT_NAMESPACE));
                String className = args.arg("CLASS");
                ctx.output().result(ClassDescription.json(schema, className), ClassDescription.text(schema, className));
            }
            default -> throw new IllegalStateException("verb " + verb.name());
        }
    }

    static long count(String noun, String text) {
        try {
            long n = Long.parseLong(text);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new UsageException(noun, "--count takes a positive whole number, not '" + text + "'");
    }

    private static void printInstances(CommandContext ctx, List<CimInstance> list) {
        ctx.output().result(CimJson.instances(list), CimText.instances(list));
    }

    /** A path as typed; one without a namespace is taken to be in the default namespace. */
    static ObjectPath path(String text) {
        ObjectPath p;
        try {
            p = ObjectPath.parse(text);
        } catch (CimException e) {
            throw new UsageException("cim", "PATH '" + text + "' is not an object path: " + e.getMessage());
        }
        return p.namespace() == null ? new ObjectPath(p.server(), DEFAULT_NAMESPACE, p.className(), p.keys()) : p;
    }

    private void invoke(ParsedArgs args, CommandContext ctx) {
        ObjectPath target = path(args.arg("PATH"));
        String method = args.arg("METHOD");
        Map<String, List<String>> texts = MethodArguments.group(name(), args.options("--param"));
        List<MethodArguments.Parameter> signature = signatures.inParameters(target.namespace(), target.className(), method)
                .orElseThrow(() -> new CimException(CimError.INVALID_METHOD,
                        "the schema knows no method " + method + " of class " + target.className()));
        Map<String, CimValue> in = MethodArguments.typed(target.className(), method, signature, texts);
        // the library's caps, checked here too so a Windows host is never sent what the simulator refuses
        in.forEach((name, value) -> io.hyperv4j.cim.CimLimits.problem(target.className() + "." + method + "(" + name + ")", value)
                .ifPresent(why -> {
                    throw new UsageException("cim", why);
                }));
        CimSession session = ctx.session();
        MethodResult result = session.invoke(target, method, in);
        ctx.output().result(CimJson.methodResult(result), CimText.methodResult(result));
        if (result.jobStarted() && result.job() != null && !args.flag("--as-job")) {
            ObjectPath job = result.job().namespace() == null
                    ? new ObjectPath(result.job().server(), target.namespace(), result.job().className(), result.job().keys())
                    : result.job();
            // The typed API's job tracking: events with a polling fallback, expiry, failures as JobFailedException.
            Operation<Void> op = JobOperation.track(session, job, method + " on " + target.className(), JOB_TIMEOUT,
                    () -> null, () -> null, null);
            VmNoun.await(ctx, op, method);
            if (!ctx.json()) ctx.err().println(method + ": job completed");
        } else if (result.returnValue() != 0 && !result.jobStarted()) {
            long code = result.returnValue();
            String codeName = signatures.returnValueName(target.namespace(), target.className(), method, code)
                    .orElseGet(() -> ReturnCodes.name(ReturnCodes.Family.CIM_METHOD, code));
            throw new CommandFailedException(method + " returned " + code + " (" + codeName + ")");
        }
    }
}
