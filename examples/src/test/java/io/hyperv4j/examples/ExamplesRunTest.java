package io.hyperv4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example program runs to its end on the simulator (they are what users copy first). */
class ExamplesRunTest {

    private static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.run(new String[0]);
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run(String[] args) throws Exception;
    }

    @Test
    void vmLifecycle() throws Exception {
        String out = run(VmLifecycleExample::main);
        assertTrue(out.contains("Pausing twice is refused") && out.contains("still there? false"), out);
    }

    @Test
    void backupSchedule() throws Exception {
        String out = run(BackupScheduleExample::main);
        assertTrue(out.contains("day 7: 3 points kept") && out.contains("equals the disk at 15:00 that day: true"), out);
    }

    @Test
    void vssRestore() throws Exception {
        String out = run(VssRestoreExample::main);
        assertTrue(out.contains("PostRestore without the files: WRITERERROR_NONRETRYABLE") && out.contains("after PreRestore GUEST1 is Off")
                && out.contains("GUEST1's disk equals the backup: true") && out.contains("21502") && out.contains("1069"), out);
    }

    @Test
    void checkpoints() throws Exception {
        String out = run(CheckpointExample::main);
        assertTrue(out.contains("All deleted"), out);
    }

    @Test
    void incrementalBackup() throws Exception {
        String out = run(IncrementalBackupExample::main);
        assertTrue(out.contains("equals the disk at the second checkpoint: true"), out);
        double share = Double.parseDouble(out.replaceAll("(?s).*ranges \\(([0-9.]+) % of the disk\\).*", "$1"));
        assertTrue(share > 0 && share < 5, out);
    }

    @Test
    void vmSettings() throws Exception {
        String out = run(VmSettingsExample::main);
        assertTrue(out.contains("startAction=START, startDelay=PT2M, stopAction=SHUT_DOWN") && out.contains("Msvm_DVDDrive=1")
                && out.contains("Refused while running") && out.contains("Devices once off: 0"), out);
    }

    @Test
    void virtualDisks() throws Exception {
        String out = run(VirtualDiskExample::main);
        // the same workflow on the simulated host and locally: both refuse the shrink, both end valid
        assertTrue(out.split("refused as expected", -1).length == 3 && out.split("fixed.vhd is valid", -1).length == 3, out);
    }

    @Test
    void diskSafety() throws Exception {
        List<String> before = tempEntries("hv4j-safety");
        String out = run(DiskSafetyExample::main);
        assertTrue(out.contains("Second writer refused") && out.contains("base reads 'hello', child removed: true")
                && out.contains("Hostile file refused") && out.contains("LogOffset"), out);
        List<String> left = new java.util.ArrayList<>(tempEntries("hv4j-safety"));
        left.removeAll(before);
        assertEquals(List.of(), left, "the example removes its scratch folder");
    }

    /** The temporary folder's entries named {@code prefix...} (only one example uses each prefix). */
    private static List<String> tempEntries(String prefix) throws java.io.IOException {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    @Test
    void wsman() throws Exception {
        String out = run(WsmanExample::main);
        assertTrue(out.contains("Started: Running") && out.contains("Turned off: Off") && out.contains("VMs left: 0"), out);
    }

    @Test
    void wsmanKerberos() throws Exception {
        java.nio.file.Path kdc = io.hyperv4j.wsman.TestKdc.dir();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        WsmanKerberosExample.run(kdc.resolve("http.keytab"), io.hyperv4j.wsman.TestKdc.REALM,
                new io.hyperv4j.spi.Credentials("ops@" + io.hyperv4j.wsman.TestKdc.REALM, io.hyperv4j.wsman.TestKdc.opsPassword(), null),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("(Kerberos, sealed)") && printed.contains("Started: Running") && printed.contains("VMs left: 0"), printed);
    }

    @Test
    void wsmanEvents() throws Exception {
        String out = run(WsmanEventsExample::main);
        assertTrue(out.contains("event: events-demo Starting -> Running") || out.contains("-> RUNNING") || out.contains("-> Running"), out);
        assertTrue(out.contains("Started: Running") && out.contains("Turned off: Off"), out);
    }

    @Test
    void liveMigration() throws Exception {
        String out = run(LiveMigrationExample::main);
        assertTrue(out.contains("now runs on umbriel") && out.contains("Refused as expected"), out);
    }

    @Test
    void counterSampling() throws Exception {
        String out = run(CounterSamplingExample::main);
        assertTrue(out.contains("SQL Server moved to host2") && out.contains("Live Migration Network"), out);
    }

    @Test
    void seed000MigrationReport(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String out = run(args -> Seed000MigrationReportExample.main(new String[] {dir.toString()}));
        assertTrue(out.contains("SQL Server now runs on host2"), out);
        assertTrue(out.contains("Table 4-2") && out.contains("Table 4-3") && !out.contains("<-- off"), "every row within tolerance: " + out);
        String svg = java.nio.file.Files.readString(dir.resolve(Seed000MigrationReportExample.SVG));
        assertTrue(svg.startsWith("<?xml") && svg.contains("Live Migration Network"), "the report charts the migration adapters");
        assertTrue(java.nio.file.Files.readString(dir.resolve(Seed000MigrationReportExample.TABLES)).contains("3291.56"));
    }

    @Test
    void luMapping() throws Exception {
        String out = run(LuMappingExample::main);
        assertTrue(out.contains("After: LU1 is disk 1 (200 GB, online) on the destination; the source sees it: false")
                && out.contains("mpio 16") && out.contains("Refused as expected: INVALID_INITIATOR_ADDRESS (53000)"), out);
    }

    @Test
    void clusterMove() throws Exception {
        String out = run(ClusterMoveExample::main);
        assertTrue(out.contains("SQL Server runs on host1") && out.split("  live migration ", -1).length >= 4 && out.contains("live migration 100%")
                && out.contains("SQL Server now runs on host2") && out.contains("now owned by host2"), out);
        assertOnlyPublicApi("ClusterMoveExample");
    }

    @Test
    void sharedNothingMigration() throws Exception {
        String out = run(SharedNothingMigrationExample::main);
        assertTrue(out.contains("Refused (NOT_SUPPORTED): virtual machine migration is not enabled on HV01"), out);
        assertTrue(out.contains("shared-nothing migration 100%") && out.contains("web runs on HV02 (Running) from ")
                && out.contains("web's disk now lies at ") && out.contains("archive") && out.contains("after 26.3 s of lab time"), out);
    }

    @Test
    void clusterValidation() throws Exception {
        String out = run(ClusterValidationExample::main);
        int second = out.indexOf("Validating hv-2008:", 1);
        assertTrue(second > 0, out);
        String before = out.substring(0, second), after = out.substring(second);
        assertEquals("SUCCESS", result(before, "Validate Storage Qualified for Failover Clusters"), out);
        assertEquals("FAILED", result(before, "Validate Storage Qualified for Hyper-V Clusters"), out);
        assertTrue(before.contains("check firmware and drivers with the vendor") && before.contains("  failed"), out);
        assertEquals("SUCCESS", result(after, "Validate Storage Qualified for Hyper-V Clusters"), out);
        assertTrue(after.contains("  passed"), out);
    }

    /** The result printed on the line of test {@code name}. */
    private static String result(String report, String name) {
        return report.lines().filter(l -> l.contains(name)).findFirst().map(l -> l.substring(l.lastIndexOf(' ') + 1)).orElse("missing");
    }

    @Test
    void tenCounterSamples() throws Exception {
        String out = run(CounterSamplesExample::main);
        assertTrue(out.contains("10 samples from HV01") && out.split("Available MBytes = ", -1).length == 11, out);
        assertOnlyPublicApi("CounterSamplesExample");
    }

    @Test
    void firstVm() throws Exception {
        String out = run(FirstVmExample::main);
        assertTrue(out.contains("Back to 'clean install' (PRODUCTION): the VM is Off") && out.contains("Checkpoints left: 0"), out);
        assertOnlyPublicApi("FirstVmExample");
    }

    @Test
    void virtualNetworking() throws Exception {
        String out = run(VirtualNetworkingExample::main);
        assertTrue(out.contains("Network Adapter 00155D") && out.contains("-> example-tenant VLAN 42")
                && out.contains("pxe (legacy) 00155D001001 -> example-lab") && out.contains("pxe is connected to null"), out);
        assertOnlyPublicApi("VirtualNetworkingExample");
    }

    @Test
    void resourceMetering() throws Exception {
        String out = run(ResourceMeteringExample::main);
        assertTrue(out.contains("Before enabling: 0 metrics") && out.contains("Aggregated Average Memory Utilization: 3072 Megabytes")
                && out.contains("Measure-VM: AvgCPU(MHz) ") && out.contains("After disabling: 0 metrics"), out);
        assertOnlyPublicApi("ResourceMeteringExample");
    }

    @Test
    void vmSecurity() throws Exception {
        String out = run(VmSecurityExample::main);
        assertTrue(out.contains("New VM: VmSecuritySettings[tpmEnabled=false") && out.contains("After Enable-VMTPM: TPM true, encrypted true, key protector of 32 bytes"), out);
        assertOnlyPublicApi("VmSecurityExample");
    }

    @Test
    void bootOrder() throws Exception {
        String out = run(BootOrderExample::main);
        assertTrue(out.matches("(?s).*Firmware order: \\[NETWORK (\\S+), NETWORK (\\S+)\\]\nAfter Set-VMFirmware: \\[NETWORK \\2, NETWORK \\1\\].*"), out);
        assertTrue(out.contains("After Set-VMBios: [IDE_HARD_DRIVE, CD, PXE, FLOPPY]"), out);
        assertOnlyPublicApi("BootOrderExample");
    }

    @Test
    void dvdMedia() throws Exception {
        String out = run(DvdMediaExample::main);
        assertTrue(out.contains("New VM: DVD empty\nInserted: the ISO\nEjected: DVD empty"), out);
        assertTrue(out.contains("Generation 2 boot order: [EFI Network, EFI SCSI Device]\nAfter Remove-VMDvdDrive: 1 boot entries"), out);
        assertOnlyPublicApi("DvdMediaExample");
    }

    @Test
    void vmConsole() throws Exception {
        String out = run(VmConsoleExample::main);
        assertTrue(out.contains("Shift held (as the left-hand key): true\nClicked at 20,760"), out);
        assertOnlyPublicApi("VmConsoleExample");
    }

    @Test
    void errorHandling() throws Exception {
        String out = run(ErrorHandlingExample::main);
        assertTrue(out.contains("Invalid state: OptionalLong[32775], the VM was Off"), out);
        assertTrue(out.contains("Not found: ") && out.contains("no-such-vm"), out);
        assertTrue(out.contains("Timed out (") && out.contains("waiting longer: Running"), out);
        assertTrue(out.contains("Refused (InvalidParameterException): ") && out.contains("not 200"), out);
        assertOnlyPublicApi("ErrorHandlingExample");
    }

    @Test
    void substrate() throws Exception {
        String out = run(SubstrateExample::main);
        assertTrue(out.contains("refused (NOT_ENOUGH_RESOURCES_ON_DESTINATION): ") && out.contains("needs 8,192 MB"), out);
        assertTrue(out.contains("quick migration of 8 GB: 45.0 s, outage 15.0 s"), out);
        assertTrue(out.contains("Live Migration Network adapter: 10.0 Gb/s"), out);
        double live = Double.parseDouble(out.replaceAll("(?s).*live migration of 8 GB at 10 Gb/s: ([0-9.]+) s.*", "$1"));
        assertTrue(live > 7 && live < 20, out);
        assertTrue(out.matches("(?s).*redirected reads from host\\d via host\\d: 62\\.5 MB/s each while two run, 125\\.0 MB/s once the smaller is through.*"), out);
    }

    @Test
    void migrationMethodsSideBySide() throws Exception {
        String out = run(MigrationMethodsExample::main);
        assertTrue(out.contains("Live     NOT_CLUSTERED") && out.contains("San      possible") && out.contains("Network  possible"), out);
        for (String method : new String[] {"Live migration", "SAN transfer", "Network transfer"}) {
            String line = out.lines().filter(l -> l.startsWith(method)).findFirst().orElseThrow(() -> new AssertionError(method + ": " + out));
            String[] f = line.substring(method.length()).trim().split("\\s+");
            assertTrue(Math.abs(Double.parseDouble(f[2].replace("%", ""))) <= 2, "time within 2 %: " + line);
            assertTrue(Math.abs(Double.parseDouble(f[5].replace("%", ""))) <= 2, "outage within 2 %: " + line);
        }
        assertOnlyPublicApi("MigrationMethodsExample");
    }

    /** The first programs are what a user copies: they use no simulator or internal package. */
    private static void assertOnlyPublicApi(String example) throws Exception {
        String source = java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/io/hyperv4j/examples/" + example + ".java"));
        assertTrue(source.lines().filter(l -> l.startsWith("import io.hyperv4j."))
                .noneMatch(l -> l.contains(".sim") || l.contains(".internal") || l.contains(".wmi")), source);
        assertTrue(source.lines().count() < 60, example + " is " + source.lines().count() + " lines");
    }
}
