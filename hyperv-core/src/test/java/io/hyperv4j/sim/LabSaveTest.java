package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.CimSession;
import io.hyperv4j.cim.CimValue;
import io.hyperv4j.cim.MethodResult;
import io.hyperv4j.cim.ObjectPath;
import io.hyperv4j.sim.v2.V2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save writes the lab only when the file would change: a command that only read leaves the
 * file as it was (no write, no fsync), and every change is still saved, including one a provider
 * makes to its own state outside any transaction, which no dirty flag sees.
 */
class LabSaveTest {
    @TempDir
    Path dir;

    /** Keeps a counter in the lab file and changes it without a transaction, as a provider's private bookkeeping may. */
    static class CounterProvider implements SimProvider {
        int count;

        @Override
        public String namespace() {
            return "root\\test";
        }

        @Override
        public Set<String> classNames() {
            return Set.of();
        }

        @Override
        public List<CimInstance> instances(HostScope scope, String className) {
            return List.of();
        }

        @Override
        public CimInstance instance(HostScope scope, ObjectPath path) {
            return null;
        }

        @Override
        public List<CimInstance> referencesTo(HostScope scope, ObjectPath path) {
            return List.of();
        }

        @Override
        public MethodResult invoke(Txn txn, HostScope scope, ObjectPath target, String method, Map<String, CimValue> in) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CimInstance> render(Lab lab, Object entity, Instant now) {
            return List.of();
        }

        @Override
        public void save(Lab lab, ObjectNode into) {
            into.put("count", count);
        }

        @Override
        public void load(Lab lab, JsonNode from) {
            count = from.get("count").asInt();
        }
    }

    private Path savedLab(CounterProvider counter) {
        Path file = dir.resolve("lab.json");
        try (Lab lab = Lab.builder().seed(3).provider(counter).host("HV01", 4, 8192).build()) {
            try (CimSession s = lab.session("HV01")) {
                s.invoke(V2.managementService("HV01"), "DefineSystem", Map.of("SystemSettings",
                        CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string("vm1")).build())));
            }
            lab.clock().advance(Duration.ofMinutes(1)); // the define job done: real time passing until the load changes nothing
            lab.save(file);
        }
        return file;
    }

    private static Object fileKey(Path file) throws Exception {
        return LabFile.Stamp.of(file).key();
    }

    @Test
    void aLabThatWasOnlyReadLeavesItsFileAsItWas() throws Exception {
        Path file = savedLab(new CounterProvider());
        String before = Files.readString(file);
        Object inode = fileKey(file);
        try (Lab lab = Lab.load(file, List.of(new CounterProvider())); CimSession s = lab.session("HV01")) {
            assertEquals(1, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size());
            lab.save();
            lab.save(file);
        }
        assertEquals(before, Files.readString(file), "nothing changed, so nothing was written");
        assertEquals(inode, fileKey(file), "not even the same text again: the file was not replaced");
    }

    @Test
    void theStateOfAProviderNotOnTheClassPathIsKeptThroughALoadAndASave() throws Exception {
        Path file = savedLab(new CounterProvider());
        try (Lab lab = Lab.load(file, List.of(new CounterProvider()))) {
            ((CounterProvider) lab.providers().all().stream().filter(CounterProvider.class::isInstance).findFirst().orElseThrow()).count = 7;
            lab.save();
        }
        try (Lab lab = Lab.load(file); CimSession s = lab.session("HV01")) { // without the provider: a program that lacks it
            s.invoke(V2.managementService("HV01"), "DefineSystem", Map.of("SystemSettings",
                    CimValue.object(CimInstance.builder(V2.VSSD).put("ElementName", CimValue.string("vm2")).build())));
            lab.clock().advance(Duration.ofMinutes(1));
            lab.save(); // a real change, so the file is written
        }
        CounterProvider back = new CounterProvider();
        try (Lab lab = Lab.load(file, List.of(back)); CimSession s = lab.session("HV01")) {
            assertEquals(7, back.count, "the provider's state came through a save by a lab without it");
            assertEquals(2, s.query(V2.NAMESPACE, "SELECT * FROM Msvm_ComputerSystem WHERE Caption = 'Virtual Machine'").size());
        }
    }

    @Test
    void aChangeOutsideAnyTransactionIsSaved() throws Exception {
        Path file = savedLab(new CounterProvider());
        try (Lab lab = Lab.load(file, List.of(new CounterProvider()))) {
            CounterProvider counter = (CounterProvider) lab.providers().all().stream().filter(CounterProvider.class::isInstance).findFirst().orElseThrow();
            counter.count = 42; // no Lab.write: the lab's dirty flag never hears of it
            lab.save();
        }
        CounterProvider back = new CounterProvider();
        try (Lab lab = Lab.load(file, List.of(back))) {
            assertEquals(42, back.count, "the change reached the file");
        }
    }

    /** Keeps the part of the file it was loaded from and changes it in place, then saves that node. */
    static class KeptNodeProvider extends CounterProvider {
        ObjectNode kept;

        @Override
        public void save(Lab lab, ObjectNode into) {
            if (kept != null) into.setAll(kept);
            else super.save(lab, into);
        }

        @Override
        public void load(Lab lab, JsonNode from) {
            kept = (ObjectNode) from;
        }
    }

    @Test
    void aChangeToTheNodeAProviderWasLoadedFromIsSaved() throws Exception {
        Path file = savedLab(new KeptNodeProvider());
        try (Lab lab = Lab.load(file, List.of(new KeptNodeProvider()))) {
            KeptNodeProvider p = (KeptNodeProvider) lab.providers().all().stream().filter(KeptNodeProvider.class::isInstance).findFirst().orElseThrow();
            p.kept.put("count", 42); // the loaded tree itself: the save check must not compare with it
            lab.save();
        }
        JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));
        assertEquals(42, saved.get("providers").get(KeptNodeProvider.class.getName()).get("count").asInt(), "the change reached the file");
    }

    @Test
    void aChangeInATransactionIsSavedEvenWhenTheClockStoodStill() throws Exception {
        Path file = savedLab(new CounterProvider());
        Object inode = fileKey(file);
        try (Lab lab = Lab.load(file, List.of(new CounterProvider()))) {
            Instant now = lab.clock().now();
            lab.write(Duration.ofSeconds(5), txn -> {
                SimVm vm = lab.host("HV01").vms().iterator().next();
                txn.touch(vm);
                vm.notes("kept");
                return null;
            });
            assertEquals(now, lab.clock().now());
            lab.save();
        }
        assertNotEquals(inode, fileKey(file));
        try (Lab lab = Lab.load(file, List.of(new CounterProvider()))) {
            assertEquals("kept", lab.host("HV01").vms().iterator().next().notes());
        }
    }

    @Test
    void aClockThatMovedIsSavedThoughNothingElseChanged() throws Exception {
        Path file = savedLab(new CounterProvider());
        Instant moved;
        try (Lab lab = Lab.load(file, List.of(new CounterProvider()))) {
            lab.clock().advance(Duration.ofHours(2));
            moved = lab.clock().now();
            lab.save();
        }
        JsonNode saved = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));
        assertEquals(moved.toString(), saved.get("clock").get("now").asText(), "the two hours are in the file");
    }

    @Test
    void aFileChangedElsewhereIsWrittenOverBySave() throws Exception {
        Path file = savedLab(new CounterProvider());
        try (Lab lab = Lab.load(file, List.of(new CounterProvider()))) {
            String theirs = Files.readString(file).replace("\"vm1\"", "\"renamed elsewhere\"");
            Files.writeString(file, theirs);
            lab.save();
        }
        String now = Files.readString(file);
        assertEquals(-1, now.indexOf("renamed elsewhere"), "the lab, not the other writer's text, is what save leaves");
    }
}
