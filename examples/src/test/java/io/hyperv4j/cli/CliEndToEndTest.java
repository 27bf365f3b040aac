package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.sim.LabLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole commands, in-process, against a lab file in a temporary directory: each command loads the
 * lab and saves it back, as the launcher does, so these also test that state carries over.
 */
class CliEndToEndTest {
    @TempDir
    Path dir;
    Path lab;
    final CliRunner cli = new CliRunner(Map.of());

    @BeforeEach
    void newLab() {
        lab = dir.resolve("lab.json");
        CliRunner.Result r = cli.run("lab", "new", lab.toString(), "--seed", "7");
        assertEquals(0, r.code(), r.toString());
        assertTrue(Files.isRegularFile(lab));
    }

    private CliRunner.Result ok(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--lab";
        full[1] = lab.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        CliRunner.Result r = cli.run(full);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    private CliRunner.Result fails(int code, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--lab";
        full[1] = lab.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        CliRunner.Result r = cli.run(full);
        assertEquals(code, r.code(), r.toString());
        return r;
    }

    @Test
    void aVmCreatedByOneCommandIsSeenByTheNextThroughCimAndVmList() {
        JsonNode created = ok("--json", "vm", "new", "web1", "--cpu", "2", "--memory", "2GB").json();
        assertEquals("web1", created.get("Name").asText());
        assertEquals("Off", created.get("State").asText());
        assertEquals(2, created.get("ProcessorCount").asInt());
        assertEquals(2L << 30, created.get("MemoryStartup").asLong());
        assertEquals(0, created.get("MemoryAssigned").asLong());
        assertEquals(2, created.get("Generation").asInt());
        assertEquals("HV01", created.get("ComputerName").asText());
        assertEquals("Operating normally", created.get("Status").asText());
        assertEquals("00:00:00", created.get("Uptime").asText());
        assertTrue(created.get("Version").asText().matches("\\d+\\.\\d+"), created.toString());
        assertTrue(created.get("CreationTime").asText().startsWith("2025-01-06T09:00"), created.toString());

        JsonNode rows = ok("--json", "cim", "query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web1'").json();
        assertEquals(1, rows.size(), rows.toString());
        JsonNode cs = rows.get(0);
        assertEquals("Msvm_ComputerSystem", cs.get("__CLASS").asText());
        assertTrue(cs.get("__PATH").asText().contains("Msvm_ComputerSystem"), cs.toString());
        assertEquals(3, cs.get("EnabledState").asInt());
        assertTrue(cs.get("EnabledState").isIntegralNumber());
        assertEquals(created.get("Id").asText().toUpperCase(), cs.get("Name").asText().toUpperCase());

        JsonNode got = ok("--json", "cim", "get", cs.get("__PATH").asText()).json();
        assertEquals(cs.get("__PATH").asText(), got.get("__PATH").asText());

        JsonNode list = ok("--json", "vm", "list").json();
        assertEquals(1, list.size());
        assertEquals("web1", list.get(0).get("Name").asText());
    }

    @Test
    void lifecycleCommandsChangeStateAcrossRuns() {
        ok("vm", "new", "web1");
        assertEquals("Running", ok("--json", "vm", "start", "web1").json().get("State").asText());
        JsonNode running = ok("--json", "vm", "get", "web1").json();
        assertEquals("Running", running.get("State").asText());
        assertTrue(running.get("MemoryAssigned").asLong() > 0, running.toString());
        assertEquals("Operating normally", running.get("Status").asText(), "StatusDescriptions[0], as Get-VM shows it");
        assertEquals("Paused", ok("--json", "vm", "suspend", "web1").json().get("State").asText());
        assertEquals("Running", ok("--json", "vm", "resume", "web1").json().get("State").asText());
        assertEquals("Saved", ok("--json", "vm", "save", "web1").json().get("State").asText());
        assertEquals("Running", ok("--json", "vm", "start", "web1").json().get("State").asText());
        assertEquals("Off", ok("--json", "vm", "stop", "web1", "--turn-off").json().get("State").asText());
        JsonNode set = ok("--json", "vm", "set", "web1", "--cpu", "4", "--memory", "4GB").json();
        assertEquals(4, set.get("ProcessorCount").asInt());
        assertEquals(4L << 30, set.get("MemoryStartup").asLong());
        assertTrue(ok("--json", "vm", "remove", "web1").json().get("Removed").asBoolean());
        assertEquals(0, ok("--json", "vm", "list").json().size());
    }

    @Test
    void setWithProcessorsAndMemoryChangesBothOrNeither() {
        ok("vm", "new", "web1", "--cpu", "2", "--memory", "2GB");
        ok("vm", "start", "web1");
        // Hyper-V refuses a processor change while the VM runs: the memory change must not apply alone.
        fails(1, "vm", "set", "web1", "--cpu", "4", "--memory", "4GB");
        JsonNode after = ok("--json", "vm", "get", "web1").json();
        assertEquals(2, after.get("ProcessorCount").asInt(), after.toString());
        assertEquals(2L << 30, after.get("MemoryStartup").asLong(), after.toString());
    }

    @Test
    void plainVmListLooksLikeGetVm() {
        ok("vm", "new", "web1");
        ok("vm", "start", "web1");
        String table = ok("vm", "list").out();
        assertTrue(table.startsWith("Name "), table);
        assertTrue(table.contains("CPUUsage(%)"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("web1") && l.contains("Running")), table);
    }

    @Test
    void hugeArraysStringsAndQueriesAreRefusedWithTheLibrarysCapsAndChangeNothing() {
        String service = ok("--json", "cim", "query", "SELECT * FROM Msvm_VirtualSystemManagementService").json().get(0).get("__PATH").asText();
        List<String> args = new java.util.ArrayList<>(List.of("cim", "invoke", service, "DefineSystem"));
        for (int i = 0; i <= io.hyperv4j.cim.CimLimits.MAX_ARRAY; i++) args.addAll(List.of("--param", "ResourceSettings=<INSTANCE CLASSNAME=\"Msvm_X\"/>"));
        CliRunner.Result array = fails(Cli.USAGE, args.toArray(String[]::new));
        assertTrue(array.err().contains("DefineSystem(ResourceSettings) has 1025 elements; at most 1024 are allowed"), array.err());
        CliRunner.Result string = fails(Cli.USAGE, "cim", "invoke", service, "DefineSystem", "--param", "SystemSettings=" + "s".repeat(100_000));
        assertTrue(string.err().contains("DefineSystem(SystemSettings) is 100000 characters; at most 65536 are allowed"), string.err());
        assertFalse(string.err().contains("s".repeat(200)), "the value is not echoed");
        CliRunner.Result query = fails(Cli.USAGE, "cim", "query", "SELECT * FROM Msvm_ComputerSystem WHERE " + "Name = 'x' OR ".repeat(10_000) + "Name = 'y'");
        assertTrue(query.err().contains("at most 65536 are allowed"), query.err());
        assertEquals(0, ok("--json", "vm", "list").json().size(), "nothing was created");
    }

    @Test
    void namesAreCappedAlikeThroughVmNewAndCimInvokeAndInvisibleCharactersAreRefused() {
        String service = ok("--json", "cim", "query", "SELECT * FROM Msvm_VirtualSystemManagementService").json().get(0).get("__PATH").asText();
        String longName = "n".repeat(1000);
        String vssd = "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">"
                + "<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>" + longName + "</VALUE></PROPERTY></INSTANCE>";
        CliRunner.Result invoke = fails(1, "cim", "invoke", service, "DefineSystem", "--param", "SystemSettings=" + vssd);
        CliRunner.Result vmNew = fails(Cli.USAGE, "vm", "new", longName);
        for (CliRunner.Result r : List.of(invoke, vmNew)) {
            assertTrue(r.err().contains("is 1000 characters; at most 100 allowed"), r.err());
            assertFalse(r.err().contains("n".repeat(200)), "the 1,000 characters are not echoed");
        }
        for (String name : List.of("web\u202Egpj.exe", "we\u200Bb1", "web\u2028x")) {
            CliRunner.Result r = fails(Cli.USAGE, "vm", "new", name);
            assertTrue(r.err().contains("must not contain control or invisible characters (U+"), r.err());
        }
        assertEquals(0, ok("--json", "vm", "list").json().size(), "nothing was created");
    }

    @Test
    void aLabFileThatDoesNotValidateIsRefusedWithItsPathAndNeverRewritten() throws Exception {
        String bad = Files.readString(lab).replaceFirst("\"vms\" : \\[[^\\]]*\\]", "\"vms\" : \"oops\"");
        assertTrue(bad.contains("\"vms\" : \"oops\""), bad);
        Files.writeString(lab, bad);
        for (String[] command : new String[][] {{"vm", "new", "web9"}, {"vm", "list"}}) {
            CliRunner.Result r = fails(1, command);
            assertTrue(r.err().contains("is not a valid lab: $.hosts[0].vms: expected an array, found \"oops\""), r.err());
            assertEquals(bad, Files.readString(lab), "the file is left as it was");
        }
        CliRunner.Result dir = cli.run("--lab", lab.getParent().toString(), "vm", "list");
        assertEquals(1, dir.code(), dir.toString());
        assertTrue(dir.err().contains(lab.getParent() + " is a directory; --lab names a lab file"), dir.err());
    }

    @Test
    void aHugeObjectPathIsShortenedInTheError() {
        String path = "root\\virtualization\\v2:Msvm_ComputerSystem.Name=\"" + "x".repeat(120_000) + "\"";
        CliRunner.Result r = fails(1, "cim", "get", path);
        assertTrue(r.err().length() < 5000, r.err().length() + " characters");
        assertTrue(r.err().contains("characters omitted"), r.err());
    }

    @Test
    void aVmDefinedThroughCimInvokeWithEmbeddedSettingsAppearsInVmList() {
        JsonNode services = ok("--json", "cim", "query", "SELECT * FROM Msvm_VirtualSystemManagementService").json();
        assertEquals(1, services.size(), services.toString());
        String service = services.get(0).get("__PATH").asText();
        // As os-win sends it: the VSSD as CIM-XML (GetText_(1)), no resource settings.
        String vssd = "<INSTANCE CLASSNAME=\"Msvm_VirtualSystemSettingData\">"
                + "<PROPERTY NAME=\"ElementName\" TYPE=\"string\"><VALUE>osw-instance</VALUE></PROPERTY>"
                + "<PROPERTY NAME=\"VirtualSystemSubType\" TYPE=\"string\"><VALUE>Microsoft:Hyper-V:SubType:2</VALUE></PROPERTY>"
                + "</INSTANCE>";
        JsonNode result = ok("--json", "cim", "invoke", service, "DefineSystem", "--param", "SystemSettings=" + vssd).json();
        long rv = result.get("ReturnValue").asLong();
        assertTrue(rv == 0 || rv == 4096, result.toString());
        assertTrue(result.has("ResultingSystem"), result.toString());

        JsonNode list = ok("--json", "vm", "list").json();
        assertEquals(1, list.size(), list.toString());
        assertEquals("osw-instance", list.get(0).get("Name").asText());
        assertEquals(2, list.get(0).get("Generation").asInt());
    }

    @Test
    void aJobStartedAsJobIsSeenProgressingByTheNextCommand() throws Exception {
        ok("vm", "new", "web1");
        JsonNode started = ok("--json", "vm", "start", "web1", "--as-job").json();
        String job = started.get("Job").asText();
        assertFalse(job.isEmpty(), started.toString());
        JsonNode before = ok("--json", "cim", "get", job).json();
        int state = before.get("JobState").asInt();
        assertTrue(state >= 2 && state <= 4, "the job has not finished yet: " + before);
        assertEquals("Starting", ok("--json", "vm", "get", "web1").json().get("State").asText());

        // Real time passes between commands: the lab file says when it was saved. A start takes
        // 3 to 5 simulated seconds, so after 2 s the job is part way, after 30 s more it is done.
        age(Duration.ofSeconds(2));
        JsonNode midway = ok("--json", "cim", "get", job).json();
        assertEquals(4, midway.get("JobState").asInt(), midway.toString());
        assertTrue(midway.get("PercentComplete").asInt() > before.get("PercentComplete").asInt(),
                "before " + before + "\nmidway " + midway);
        age(Duration.ofSeconds(30));
        JsonNode done = ok("--json", "cim", "get", job).json();
        assertEquals(7, done.get("JobState").asInt(), done.toString());
        assertEquals(100, done.get("PercentComplete").asInt(), done.toString());
        assertEquals("Running", ok("--json", "vm", "get", "web1").json().get("State").asText());
    }

    /** Moves the lab file's save time back, as if {@code d} of real time had passed since. */
    private void age(Duration d) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = (ObjectNode) m.readTree(Files.readString(lab, StandardCharsets.UTF_8));
        root.put("savedAt", Instant.parse(root.get("savedAt").asText()).minus(d).toString());
        Files.writeString(lab, m.writeValueAsString(root), StandardCharsets.UTF_8);
    }

    @Test
    void exitCodesTellFailuresFromUsageErrors() {
        CliRunner.Result missing = fails(1, "vm", "get", "nosuch");
        assertTrue(missing.err().contains("nosuch"), missing.toString());
        assertFalse(missing.err().contains("\tat "), missing.toString());
        fails(2, "vm", "start");
        fails(2, "vm", "start", "web1", "--fast");
        fails(2, "vm", "new", "web1", "--memory", "lots");
        CliRunner.Result badQuery = fails(1, "cim", "query", "SELEC * FROM Msvm_ComputerSystem");
        assertTrue(badQuery.err().contains("WBEM_E_INVALID_QUERY"), badQuery.toString());
        ok("vm", "new", "web1");
        CliRunner.Result refused = fails(1, "vm", "resume", "web1");
        assertTrue(refused.err().contains("web1"), refused.toString());
        assertEquals("Off", ok("--json", "vm", "get", "web1").json().get("State").asText());
    }

    @Test
    void labShowAndTemplates() {
        ok("vm", "new", "web1");
        JsonNode shown = cli.run("--json", "lab", "show", lab.toString()).json();
        assertEquals(7, shown.get("Seed").asLong());
        assertEquals("HV01", shown.get("Hosts").get(0).get("Name").asText());
        assertEquals("web1", shown.get("Hosts").get(0).get("VMs").get(0).get("Name").asText());
        CliRunner.Result templates = cli.run("lab", "templates");
        assertEquals(0, templates.code());
        assertTrue(templates.out().lines().anyMatch(l -> l.startsWith("standalone")), templates.toString());
        CliRunner.Result again = cli.run("lab", "new", lab.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.toString());
        CliRunner.Result unknown = cli.run("lab", "new", dir.resolve("x.json").toString(), "--template", "galaxy");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown template 'galaxy'"), unknown.toString());
        assertFalse(Files.exists(dir.resolve("x.json")));
    }

    @Test
    void theLabComesFromTheEnvironmentToo() {
        CliRunner withEnv = new CliRunner(Map.of("HYPERV4J_LAB", lab.toString()));
        assertEquals(0, withEnv.run("vm", "new", "envvm").code());
        assertEquals("envvm", ok("--json", "vm", "list").json().get(0).get("Name").asText());
    }

    @Test
    void aMissingLabFileIsAFailureNamingIt() {
        CliRunner.Result r = cli.run("--lab", dir.resolve("none.json").toString(), "vm", "list");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("none.json does not exist"), r.toString());
    }

    @Test
    void cimInvokeWaitsForTheJobItStartsUnlessAsJob() throws Exception {
        ok("vm", "new", "web1");
        String vm = ok("--json", "cim", "query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web1'").json()
                .get(0).get("__PATH").asText();
        JsonNode started = ok("--json", "cim", "invoke", vm, "RequestStateChange", "--param", "RequestedState=2").json();
        assertEquals(4096, started.get("ReturnValue").asInt(), started.toString());
        assertTrue(started.get("Job").asText().contains("InstanceID"), started.toString());
        assertEquals(2, ok("--json", "cim", "get", vm).json().get("EnabledState").asInt(), "waited until running");

        JsonNode asJob = ok("--json", "cim", "invoke", vm, "RequestStateChange", "--param", "RequestedState=9", "--as-job").json();
        assertEquals(4096, asJob.get("ReturnValue").asInt(), asJob.toString());
        JsonNode job = ok("--json", "cim", "get", asJob.get("Job").asText()).json();
        assertTrue(job.get("JobState").asInt() < 7, "still running: " + job);

        // While that job runs the VM is busy: a second request is refused (32774), exit 1.
        CliRunner.Result busy = fails(1, "vm", "stop", "web1", "--turn-off");
        assertTrue(busy.err().contains("32774"), busy.toString());
        age(Duration.ofSeconds(10));
        assertEquals("Paused", ok("--json", "vm", "get", "web1").json().get("State").asText());

        // A refused request: the result is printed, and the exit code says it failed.
        ok("vm", "stop", "web1", "--turn-off");
        CliRunner.Result refused = fails(1, "--json", "cim", "invoke", vm, "RequestStateChange", "--param", "RequestedState=9");
        assertTrue(refused.err().contains("RequestStateChange returned 32775 (Invalid state for this operation)"),
                refused.toString());
        assertEquals(3, ok("--json", "cim", "get", vm).json().get("EnabledState").asInt(), "nothing changed");
    }

    @Test
    void badMethodParametersAreRefusedBeforeAnythingIsSent() {
        ok("vm", "new", "web1");
        String vm = ok("--json", "cim", "query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web1'").json()
                .get(0).get("__PATH").asText();
        CliRunner.Result unknown = fails(1, "cim", "invoke", vm, "RequestStateChange", "--param", "State=2");
        assertTrue(unknown.err().contains("no in-parameter 'State'"), unknown.toString());
        CliRunner.Result badType = fails(1, "cim", "invoke", vm, "RequestStateChange", "--param", "RequestedState=on");
        assertTrue(badType.err().contains("RequestedState"), badType.toString());
        CliRunner.Result noMethod = fails(1, "cim", "invoke", vm, "Explode");
        assertTrue(noMethod.err().contains("Explode"), noMethod.toString());
        fails(2, "cim", "invoke", vm, "RequestStateChange", "--param", "RequestedState");
        fails(2, "cim", "get", "not a path");
        assertEquals(3, ok("--json", "cim", "get", vm).json().get("EnabledState").asInt());
    }

    /** Issue 11: {@code cim subscribe} prints events as they arrive and stops at --count or --timeout. */
    @Test
    void subscribePrintsEventsAsTheyArrive() throws Exception {
        ok("vm", "new", "web1");
        ok("vm", "start", "web1", "--as-job");
        String running = "SELECT * FROM __InstanceModificationEvent WITHIN 1 WHERE TargetInstance ISA 'Msvm_ComputerSystem'"
                + " AND TargetInstance.EnabledState = 2";
        CliRunner.Result json = ok("--json", "cim", "subscribe", running, "--count", "1", "--timeout", "2m");
        List<String> lines = json.out().lines().toList();
        assertEquals(1, lines.size(), "one JSON line per event: " + json);
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertEquals("__InstanceModificationEvent", event.get("__CLASS").asText());
        assertEquals("web1", event.get("TargetInstance").get("ElementName").asText());
        assertEquals(2, event.get("TargetInstance").get("EnabledState").asInt());
        assertEquals(32770, event.get("PreviousInstance").get("EnabledState").asInt(), "it was Starting (Hyper-V's 32770)");

        ok("vm", "stop", "web1", "--as-job");
        CliRunner.Result text = ok("cim", "subscribe", "SELECT * FROM __InstanceModificationEvent WITHIN 1"
                + " WHERE TargetInstance ISA 'Msvm_ComputerSystem' AND TargetInstance.EnabledState = 3", "--count", "1");
        assertTrue(text.out().contains("__InstanceModificationEvent") && text.out().contains("EnabledState: 32774 -> 3"),
                "stopping (32774), then off: " + text);
        assertTrue(text.err().contains("1 event"), text.toString());

        CliRunner.Result idle = ok("cim", "subscribe", running, "--timeout", "5s");
        assertEquals("", idle.out(), "nothing changes in an idle lab");
        assertTrue(idle.err().contains("0 events"), idle.toString());
        fails(2, "cim", "subscribe", running, "--count", "none");
        CliRunner.Result notEvents = fails(1, "cim", "subscribe", "SELECT * FROM Msvm_ComputerSystem");
        assertTrue(notEvents.err().contains("not an event query"), notEvents.toString());
    }

    /** Issue 11: {@code vm list --watch} lists, then prints the VMs' changes as they happen, until --count or --timeout. */
    @Test
    void vmListWatchPrintsStateChangesAsTheyHappen() {
        ok("vm", "new", "web1");
        ok("vm", "start", "web1", "--as-job");
        CliRunner.Result r = ok("vm", "list", "--watch", "--count", "1", "--timeout", "2m");
        assertTrue(r.out().lines().anyMatch(l -> l.contains("web1")), "the list first: " + r);
        assertTrue(r.out().contains("__InstanceModificationEvent") && r.out().contains("EnabledState: 32770 -> 2"), "then Starting -> Running: " + r);
        assertTrue(r.err().contains("1 event"), r.toString());
        CliRunner.Result idle = ok("vm", "list", "--watch", "--timeout", "5s");
        assertTrue(idle.err().contains("0 events"), "nothing happens in an idle lab: " + idle);
        fails(2, "vm", "list", "--count", "1");
    }

    /**
     * Issue 11 acceptance: after {@code vm new}, {@code cim associators} from the VM's settings lists
     * the devices New-VM gives its generation, and from the running VM its logical devices.
     */
    @Test
    void associatorsListTheDevicesNewVmCreatesPerGeneration() {
        Map<Integer, List<String>> settingsOf = Map.of(
                1, List.of("Microsoft:Hyper-V:Emulated IDE Controller|IDE Controller 0", "Microsoft:Hyper-V:Emulated IDE Controller|IDE Controller 1",
                        "Microsoft:Hyper-V:Synthetic DVD Drive|DVD Drive", "Microsoft:Hyper-V:Synthetic Ethernet Port|Network Adapter",
                        "Microsoft:Hyper-V:Serial Port|COM 1", "Microsoft:Hyper-V:Serial Port|COM 2", "Microsoft:Hyper-V:S3 Display Controller|Video",
                        "Microsoft:Hyper-V:Ps2 Keyboard|Keyboard", "Microsoft:Hyper-V:Ps2 Mouse|Mouse"),
                2, List.of("Microsoft:Hyper-V:Synthetic SCSI Controller|SCSI Controller", "Microsoft:Hyper-V:Synthetic Ethernet Port|Network Adapter",
                        "Microsoft:Hyper-V:Synthetic Display Controller|Video"));
        Map<Integer, List<String>> devicesOf = Map.of(
                1, List.of("Msvm_IDEController", "Msvm_DVDDrive", "Msvm_SyntheticEthernetPort", "Msvm_SerialPort", "Msvm_S3DisplayController",
                        "Msvm_VideoHead", "Msvm_Keyboard"),
                2, List.of("Msvm_SCSIProtocolController", "Msvm_SyntheticEthernetPort", "Msvm_SyntheticDisplayController", "Msvm_VideoHead"));
        for (int generation : new int[] {1, 2}) {
            String name = "gen" + generation;
            ok("vm", "new", name, "--generation", String.valueOf(generation));
            JsonNode vssd = ok("--json", "cim", "query", "SELECT * FROM Msvm_VirtualSystemSettingData WHERE ElementName = '" + name + "'").json().get(0);
            List<String> settings = new ArrayList<>();
            for (JsonNode i : ok("--json", "cim", "associators", vssd.get("__PATH").asText(), "--assoc-class", "Msvm_VirtualSystemSettingDataComponent").json())
                settings.add(i.path("ResourceSubType").asText() + "|" + i.path("ElementName").asText());
            assertTrue(settings.containsAll(settingsOf.get(generation)), name + ": " + settings);
            String vm = ok("--json", "cim", "query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = '" + name + "'").json().get(0).get("__PATH").asText();
            ok("vm", "start", name);
            List<String> devices = new ArrayList<>();
            for (JsonNode i : ok("--json", "cim", "associators", vm, "--assoc-class", "Msvm_SystemDevice").json()) devices.add(i.get("__CLASS").asText());
            assertTrue(devices.containsAll(devicesOf.get(generation)), name + " running: " + devices);
            assertEquals(generation == 1 ? 2 : 0, devices.stream().filter("Msvm_IDEController"::equals).count(), name + ": " + devices);
        }
    }

    @Test
    void associatorsFollowAssociations() {
        ok("vm", "new", "web1");
        String vm = ok("--json", "cim", "query", "SELECT * FROM Msvm_ComputerSystem WHERE ElementName = 'web1'").json()
                .get(0).get("__PATH").asText();
        JsonNode settings = ok("--json", "cim", "associators", vm, "--assoc-class", "Msvm_SettingsDefineState",
                "--result-class", "Msvm_VirtualSystemSettingData").json();
        assertEquals(1, settings.size(), settings.toString());
        assertEquals("Msvm_VirtualSystemSettingData", settings.get(0).get("__CLASS").asText());
        assertEquals("web1", settings.get(0).get("ElementName").asText());
        String text = ok("cim", "associators", vm, "--result-class", "Msvm_VirtualSystemSettingData").out();
        assertTrue(text.contains("ElementName"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("ElementName\\s+: web1")), text);
    }

    @Test
    void restartResetsARunningVm() {
        ok("vm", "new", "web1", "--memory", "512MB");
        ok("vm", "start", "web1");
        assertEquals("Running", ok("--json", "vm", "restart", "web1").json().get("State").asText());
        CliRunner.Result both = fails(2, "vm", "stop", "web1", "--turn-off", "--save");
        assertTrue(both.err().contains("give --turn-off or --save, not both"), both.toString());
        assertEquals("Running", ok("--json", "vm", "get", "web1").json().get("State").asText());
    }

    @Test
    void theSameSeedGivesTheSameLab() {
        Path other = dir.resolve("other.json");
        assertEquals(0, cli.run("lab", "new", other.toString(), "--seed", "7").code());
        String id1 = ok("--json", "vm", "new", "web1").json().get("Id").asText();
        CliRunner.Result r = cli.run("--lab", other.toString(), "--json", "vm", "new", "web1");
        assertEquals(0, r.code(), r.toString());
        assertEquals(id1, r.json().get("Id").asText());
    }

    @Test
    void whileOneCommandHoldsTheLabAnotherWaitsForIt() throws Exception {
        try (LabLock held = LabLock.acquire(lab, Duration.ofSeconds(1))) {
            io.hyperv4j.HyperVException busy = org.junit.jupiter.api.Assertions.assertThrows(io.hyperv4j.HyperVException.class,
                    () -> LabLock.acquire(lab, Duration.ZERO));
            assertTrue(busy.getMessage().contains("in use by another command or session"), busy.getMessage());
            java.util.concurrent.CompletableFuture<CliRunner.Result> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> cli.run("--lab", lab.toString(), "vm", "new", "late"));
            held.close();
            assertEquals(0, second.get(20, java.util.concurrent.TimeUnit.SECONDS).code());
        }
        assertEquals("late", ok("--json", "vm", "list").json().get(0).get("Name").asText());
    }

    @Test
    void withoutALabEachCommandGetsAFreshOne() {
        assertEquals(0, cli.run("vm", "new", "temp").code());
        CliRunner.Result r = cli.run("--json", "vm", "list");
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, r.json().size());
    }

    @Test
    void aDamagedLabFileIsReportedAndLeftAsItWas() throws Exception {
        Files.writeString(lab, "{\"format\": \"hyperv4j-lab/1\", \"hosts\": [", StandardCharsets.UTF_8);
        CliRunner.Result r = fails(1, "vm", "list");
        assertTrue(r.err().contains(lab.toString()), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
        assertEquals("{\"format\": \"hyperv4j-lab/1\", \"hosts\": [", Files.readString(lab, StandardCharsets.UTF_8));
    }

    @Test
    void describeShowsWhatInvokeAccepts() {
        String text = cli.run("cim", "describe", "Msvm_VirtualSystemManagementService").out();
        assertTrue(text.contains("DefineSystem([in] string (embedded Msvm_VirtualSystemSettingData) SystemSettings"), text);
        JsonNode json = cli.run("--json", "cim", "describe", "Msvm_ComputerSystem").json();
        assertEquals("Msvm_ComputerSystem", json.get("Class").asText());
        boolean hasKeyName = false;
        for (JsonNode p : json.get("Properties")) hasKeyName |= p.get("Name").asText().equals("Name") && p.get("Key").asBoolean();
        assertTrue(hasKeyName, json.toString());
        boolean hasRsc = false;
        for (JsonNode m : json.get("Methods")) hasRsc |= m.get("Name").asText().equals("RequestStateChange");
        assertTrue(hasRsc, json.toString());
        CliRunner.Result unknown = cli.run("cim", "describe", "Msvm_Nothing");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().contains("Msvm_Nothing"), unknown.toString());
    }
}
