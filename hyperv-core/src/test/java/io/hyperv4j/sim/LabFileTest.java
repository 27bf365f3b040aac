package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperv4j.HyperVException;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.v2.V2;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabFileTest {
    @TempDir
    Path dir;

    private static MethodResult define(CimSession s, String name) {
        return s.invoke(V2.managementService(s.host()), "DefineSystem", Map.of("SystemSettings",
                CimValue.object(io.hyperv4j.cim.CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string(name)).build())));
    }

    private static MethodResult start(CimSession s, ObjectPath vm) {
        return s.invoke(vm, "RequestStateChange", Map.of("RequestedState", CimValue.uint16(2)));
    }

    @Test
    void aSaveRemovesTheTemporaryFilesOfSavesThatWereKilled() throws Exception {
        Path file = dir.resolve("lab.json");
        Path stale = dir.resolve(".lab.json.1f2e3d.tmp");
        Files.writeString(stale, "{ half a lab");
        Path other = dir.resolve(".other.json.1f2e3d.tmp");
        Files.writeString(other, "another lab's");
        Lab.builder().seed(1).host("HV01", 4, 8192).build().save(file);
        assertFalse(Files.exists(stale), "the killed save's temporary file is gone");
        assertTrue(Files.exists(other), "another lab's files are not this save's business");
    }

    @Test
    void roundTripKeepsModelClockAndRandomSequence() throws Exception {
        Path file = dir.resolve("lab.json");
        Lab lab = Lab.builder().seed(7).host("HV01", 8, 32768).host("HV02", 4, 16384).build();
        ObjectPath vm;
        try (CimSession s = lab.session("HV01")) {
            vm = define(s, "persisted").get("ResultingSystem").asPath();
            lab.clock().advance(Duration.ofMinutes(1));
            start(s, vm);
            lab.clock().advance(Duration.ofMinutes(1));
        }
        Instant savedTime = lab.clock().now();
        lab.save(file);
        long nextRandom = new SimRandom(lab.random().state()).nextLong();

        Lab back = LabFile.fromJson(new ObjectMapper().readTree(Files.readString(file)), savedAt(file));
        assertEquals(savedTime, back.clock().now(), "no real time elapsed since the save");
        assertEquals(2, back.hosts().size());
        assertEquals(1, back.vmCount());
        SimVm v = back.vm((String) vm.key("Name"));
        assertEquals("persisted", v.name());
        assertEquals(PowerState.RUNNING, v.state());
        assertNotNull(v.startedAt());
        assertEquals(nextRandom, back.random().nextLong());
        try (CimSession s = back.session("HV01")) {
            assertEquals(2, s.get(vm).getLong("EnabledState"));
        }
    }

    @Test
    void aPendingJobResumesAndTimeGoesOnByTheRealTimeElapsed() throws Exception {
        Path file = dir.resolve("lab.json");
        Lab lab = Lab.standalone();
        ObjectPath vm;
        ObjectPath job;
        try (CimSession s = lab.session(Lab.DEFAULT_HOST)) {
            vm = define(s, "slow").get("ResultingSystem").asPath();
            lab.clock().advance(Duration.ofMinutes(1));
            job = start(s, vm).job();
        }
        lab.save(file);
        Instant savedClock = lab.clock().now();
        var json = new ObjectMapper().readTree(Files.readString(file));

        Lab soon = LabFile.fromJson(json, savedAt(file).plusMillis(500));
        assertEquals(savedClock.plusMillis(500), soon.clock().now());
        try (CimSession s = soon.session(Lab.DEFAULT_HOST)) {
            assertEquals(32770, s.get(vm).getLong("EnabledState"), "still starting half a second later");
            assertEquals(4, s.get(job).getLong("JobState"));
            soon.clock().advance(Duration.ofMinutes(1));
            assertEquals(2, s.get(vm).getLong("EnabledState"), "the resumed job completes");
            assertEquals(7, s.get(job).getLong("JobState"));
        }

        Lab later = LabFile.fromJson(json, savedAt(file).plusSeconds(60));
        try (CimSession s = later.session(Lab.DEFAULT_HOST)) {
            assertEquals(2, s.get(vm).getLong("EnabledState"), "a minute later the start is done");
            assertEquals(7, s.get(job).getLong("JobState"));
        }
        Lab muchLater = LabFile.fromJson(json, savedAt(file).plus(Duration.ofHours(1)));
        try (CimSession s = muchLater.session(Lab.DEFAULT_HOST)) {
            assertThrows(HyperVException.class, () -> s.get(job), "an hour later the finished job expired");
        }
    }

    @Test
    void atomicSaveLeavesNoTempFileAndATornTempFileIsIgnored() throws Exception {
        Path file = dir.resolve("lab.json");
        Lab lab = Lab.standalone();
        lab.save(file);
        String good = Files.readString(file);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the lab file is left");
        }
        // A crash mid-save leaves a torn temporary file next to the intact old one.
        Files.writeString(dir.resolve(".lab.json.deadbeef.tmp"), good.substring(0, good.length() / 2), StandardCharsets.UTF_8);
        Lab back = Lab.load(file);
        assertEquals(1, back.hosts().size());
        back.save(file);
        assertTrue(Files.exists(file));
    }

    @Test
    void aCorruptFileFailsWithTheFileNameAndTheProblem() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"hyperv4j-lab/1\", \"clock\": {\"mode\": \"VIRTUAL\"");
        HyperVException e = assertThrows(HyperVException.class, () -> Lab.load(file));
        assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("JSON"), e.getMessage());
        Files.writeString(file, "{\"format\": \"something-else\"}");
        HyperVException e2 = assertThrows(HyperVException.class, () -> Lab.load(file));
        assertTrue(e2.getMessage().contains("format"), e2.getMessage());
        HyperVException e3 = assertThrows(HyperVException.class, () -> Lab.load(dir.resolve("missing.json")));
        assertTrue(e3.getMessage().contains("missing.json"), e3.getMessage());
    }

    @Test
    void fileUriSessionsShareOneLabAndSaveAfterEachCall() throws Exception {
        Path file = dir.resolve("cli.json");
        java.net.URI uri = java.net.URI.create("sim:" + file.toUri() + "?host=HV07");
        ObjectPath vm;
        try (CimSession s = new SimTransport().open(uri, java.util.Optional.empty(), Duration.ofSeconds(10))) {
            assertEquals("HV07", s.host());
            vm = define(s, "from-cli").get("ResultingSystem").asPath();
        }
        assertTrue(Files.readString(file).contains("from-cli"));
        Lab reloaded = Lab.load(file);
        assertEquals(1, reloaded.vmCount());
        try (CimSession s = reloaded.session("HV07")) {
            assertEquals("from-cli", s.get(vm).getString("ElementName"));
        }
    }

    private static Instant savedAt(Path file) throws Exception {
        return Instant.parse(new ObjectMapper().readTree(Files.readString(file)).get("savedAt").asText());
    }

    @Test
    void aFileReplacedByAnotherProcessIsReadAgain() throws Exception {
        Path file = dir.resolve("shared.json");
        java.net.URI uri = java.net.URI.create("sim:" + file.toUri());
        SimTransport t = new SimTransport();
        try (CimSession s = t.open(uri, java.util.Optional.empty(), Duration.ofSeconds(10))) {
            define(s, "first");
        }
        Lab other = Lab.builder().seed(9).host("HV01", 4, 8192).build(); // "another process" writes a new lab there
        other.save(file);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        try (CimSession s = t.open(uri, java.util.Optional.empty(), Duration.ofSeconds(10))) {
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem").size(), "the new lab has no VMs");
        }
        Files.delete(file);
        try (CimSession s = t.open(uri, java.util.Optional.empty(), Duration.ofSeconds(10))) {
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem").size(), "a removed file starts over");
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void aScaledClockGoesOnByTheElapsedRealTimeTimesItsRate() throws Exception {
        Path file = dir.resolve("scaled.json");
        try (Lab lab = Lab.builder().clock(SimClock.scaled(Lab.DEFAULT_START, 60)).host("HV01", 4, 8192).build()) {
            lab.save(file);
        }
        var json = new ObjectMapper().readTree(Files.readString(file));
        Instant savedClock = Instant.parse(json.get("clock").get("now").asText());
        try (Lab back = LabFile.fromJson(json, savedAt(file).plusSeconds(1))) {
            assertEquals(ClockMode.SCALED, back.clock().mode());
            Duration gone = Duration.between(savedClock, back.clock().now());
            assertTrue(gone.compareTo(Duration.ofSeconds(60)) >= 0 && gone.compareTo(Duration.ofSeconds(120)) < 0, gone.toString());
        }
        try (Lab manual = Lab.builder().clock(SimClock.manual(Lab.DEFAULT_START)).host("HV01", 4, 8192).build()) {
            manual.save(file);
            Lab back = LabFile.fromJson(new ObjectMapper().readTree(Files.readString(file)), savedAt(file).plusSeconds(3600));
            assertEquals(Lab.DEFAULT_START, back.clock().now(), "a manual clock does not move by itself");
        }
    }

    @Test
    void aRelativeLabPathIsRefused() {
        HyperVException e = assertThrows(HyperVException.class, () -> new SimTransport().open(
                java.net.URI.create("sim:file:lab.json"), java.util.Optional.empty(), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("lab.json"), e.getMessage());
    }
}
