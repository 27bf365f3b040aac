package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.Lab;
import io.hyperv4j.sim.LabLock;
import io.hyperv4j.sim.LabTemplate;
import io.hyperv4j.sim.LabTemplates;
import io.hyperv4j.sim.SimHost;
import io.hyperv4j.sim.SimJob;
import io.hyperv4j.sim.SimVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code hyperv lab ...}: simulated labs kept in files. A lab used with {@code --lab FILE} keeps its
 * state and its clock between commands (time goes on while nobody looks).
 */
public final class LabNoun implements NounCommand {
    private static final Verb NEW = Verb.of("new", "Create a lab file from a template")
            .arg("FILE").option("--template", "NAME", "template, default " + LabTemplates.DEFAULT + " (see 'lab templates')")
            .option("--seed", "N", "seed for every random choice, default 0")
            .flag("--force", "replace FILE if it exists");
    private static final Verb TEMPLATES = Verb.of("templates", "List the templates 'lab new' knows");
    private static final Verb SHOW = Verb.of("show", "Show a lab: its clock, hosts, VMs and running jobs").arg("FILE");
    private static final Verb SERVE = Verb.of("serve", "Serve a lab's host over WS-Management (WinRM) on loopback until stopped")
            .arg("FILE").option("--port", "N", "port, default " + io.hyperv4j.wsman.WsmanTransport.HTTP_PORT + " (" + io.hyperv4j.wsman.WsmanTransport.HTTPS_PORT + " with --tls)")
            .flag("--tls", "HTTPS with a fresh self-signed certificate (its fingerprint is printed, for clients to pin)")
            .option("--user", "U", "the user Basic authentication accepts, default " + LabServe.DEFAULT_USER + " (password: "
                    + HostTarget.PASSWORD_VARIABLE + " or a prompt)")
            .option("--keytab", "FILE", "also accept Kerberos tickets for HTTP/localhost@REALM with the keys in FILE (needs --realm)")
            .option("--realm", "R", "the Kerberos realm of the service and of the user U@R (KDCs from KRB5_CONFIG or /etc/krb5.conf)")
            .option("--client-ca", "FILE", "with --tls, accept client certificates this CA (PEM or DER) issued to a --client-subject")
            .repeatableOption("--client-subject", "S", "a certificate subject (CN, e-mail or DNS name; * for any) that authenticates as U");

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public String summary() {
        return "simulated labs: new, templates, show, serve";
    }

    @Override
    public List<Verb> verbs() {
        return List.of(NEW, TEMPLATES, SHOW, SERVE);
    }

    @Override
    public void run(Verb verb, ParsedArgs args, CommandContext ctx) {
        switch (verb.name()) {
            case "new" -> create(args, ctx);
            case "templates" -> templates(ctx);
            case "show" -> show(Path.of(args.arg("FILE")), ctx);
            case "serve" -> LabServe.run(args, ctx);
            default -> throw new IllegalStateException(verb.name());
        }
    }

    private static void create(ParsedArgs args, CommandContext ctx) {
        Path file = Path.of(args.arg("FILE"));
        LabTemplate template;
        try {
            template = LabTemplates.named(args.option("--template").orElse(LabTemplates.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("lab", e.getMessage());
        }
        long seed = args.longOption("--seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(0L);
        if (Files.isDirectory(file)) throw new CommandFailedException(file + " is a directory");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent))
            throw new CommandFailedException("directory " + parent + " does not exist");
        // The lab lock, as every command that changes the lab takes it: a reset never interleaves with a 'vm new'.
        try (LabLock lock = LabLock.acquire(file, LabTarget.lockWait(ctx.env()));
             Lab lab = Lab.fromTemplate(template.name(), seed)) {
            if (Files.exists(file) && !args.flag("--force"))
                throw new CommandFailedException(file + " already exists; use --force to replace it");
            lab.save(file);
            JobTable.delete(file); // the jobs of a lab it replaces
            ctx.output().result(describe(lab, file, template.name()),
                    "Created " + file + " from template " + template.name() + " (seed " + seed + ")\n" + text(lab, file));
        }
    }

    private static void templates(CommandContext ctx) {
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        StringBuilder text = new StringBuilder();
        List<LabTemplate> all = LabTemplates.all();
        int width = all.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        for (LabTemplate t : all) {
            json.addObject().put("Name", t.name()).put("Description", t.description());
            text.append(t.name()).append(" ".repeat(width - t.name().length())).append("  ").append(t.description()).append('\n');
        }
        ctx.output().result(json, text.toString());
    }

    /** Reads the lab without saving it: looking changes nothing in the file. */
    private static void show(Path file, CommandContext ctx) {
        LabTarget.requireLabFile(file);
        try (Lab lab = Lab.load(file)) {
            ctx.output().result(describe(lab, file, null), text(lab, file));
        }
    }

    static ObjectNode describe(Lab lab, Path file, String template) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("File", file.toString());
        if (template != null) o.put("Template", template);
        o.put("Seed", lab.seed());
        o.put("Clock", lab.clock().mode().name());
        o.put("Now", lab.clock().now().toString());
        ArrayNode hosts = o.putArray("Hosts");
        for (SimHost h : lab.hosts()) {
            ObjectNode hn = hosts.addObject();
            hn.put("Name", h.name());
            hn.put("LogicalProcessorCount", h.logicalProcessors());
            hn.put("MemoryCapacity", h.memoryMb() << 20);
            hn.put("PoweredOn", h.poweredOn());
            ArrayNode vms = hn.putArray("VMs");
            for (SimVm vm : h.vms()) {
                vms.addObject().put("Name", vm.name()).put("Id", vm.id()).put("State", VmView.stateName(vm.state().enabledState()))
                        .put("ProcessorCount", vm.processors()).put("MemoryStartup", vm.memoryMb() << 20);
            }
            ArrayNode jobs = hn.putArray("Jobs");
            for (SimJob j : h.jobs()) {
                jobs.addObject().put("InstanceID", j.id()).put("Caption", j.caption())
                        .put("JobState", j.state().value()).put("PercentComplete", j.percentComplete());
            }
        }
        return o;
    }

    /** "Running", "Completed": the JobState name as Msvm_ConcreteJob documents it. */
    private static String jobStateName(SimJob j) {
        String n = j.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    private static String text(Lab lab, Path file) {
        StringBuilder b = new StringBuilder();
        b.append("Lab ").append(file).append(": seed ").append(lab.seed()).append(", ")
                .append(lab.clock().mode().name().toLowerCase(Locale.ROOT)).append(" clock at ")
                .append(lab.clock().now()).append('\n');
        for (SimHost h : lab.hosts()) {
            b.append("Host ").append(h.name()).append(": ").append(h.logicalProcessors()).append(" logical processors, ")
                    .append(Sizes.format(h.memoryMb() << 20)).append(h.poweredOn() ? "" : ", powered off").append('\n');
            if (h.vms().isEmpty()) b.append("  no VMs\n");
            for (SimVm vm : h.vms()) {
                b.append("  VM ").append(vm.name()).append(" (").append(vm.id()).append("): ")
                        .append(VmView.stateName(vm.state().enabledState())).append(", ").append(vm.processors())
                        .append(" CPU, ").append(Sizes.format(vm.memoryMb() << 20)).append('\n');
            }
            for (SimJob j : h.jobs()) {
                b.append("  job ").append(j.id()).append(" ").append(j.caption()).append(": ")
                        .append(jobStateName(j)).append(", ").append(j.percentComplete()).append("%\n");
            }
        }
        return b.toString();
    }
}
