package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WqlTest {

    static final ClassHierarchy HIERARCHY = (c, a) -> c.equalsIgnoreCase(a)
            || (c.equalsIgnoreCase("Msvm_ComputerSystem") && (a.equalsIgnoreCase("CIM_ComputerSystem") || a.equalsIgnoreCase("CIM_ManagedElement")))
            || (c.equalsIgnoreCase("CIM_ComputerSystem") && a.equalsIgnoreCase("CIM_ManagedElement"));

    static CimInstance vm(String name, int state) {
        return CimInstance.builder("Msvm_ComputerSystem")
                .path(ObjectPath.parse("\\\\H\\root\\virtualization\\v2:Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"" + name + "\""))
                .put("Name", CimValue.string(name))
                .put("ElementName", CimValue.string("vm-" + name))
                .put("EnabledState", CimValue.uint16(state))
                .put("Description", CimValue.nullOf(CimType.STRING))
                .put("OnTimeInMilliseconds", CimValue.uint64(-1L))
                .build();
    }

    @Test
    void selectMatchesClassAndSubclassesAndWhere() {
        WqlQuery.Select q = Wql.parseSelect("select * from cim_managedelement where EnabledState = 2");
        assertTrue(q.selectsAll());
        assertTrue(q.matches(vm("A", 2), HIERARCHY));
        assertFalse(q.matches(vm("A", 3), HIERARCHY));
        assertFalse(q.matches(vm("A", 2), ClassHierarchy.FLAT));
        assertFalse(q.isEventQuery());
    }

    @Test
    void numberPropertyComparesWithStringLiteralAsWmiDoes() {
        assertTrue(matches("EnabledState = '2'", vm("A", 2)));
        assertTrue(matches("EnabledState < '10'", vm("A", 3)));
        assertFalse(matches("EnabledState = 'two'", vm("A", 2)));
        assertTrue(matches("EnabledState = 0x2", vm("A", 2)));
        assertTrue(matches("EnabledState >= 2.0 AND EnabledState <= 2", vm("A", 2)));
        assertTrue(matches("OnTimeInMilliseconds = 18446744073709551615", vm("A", 2)));
        assertTrue(matches("OnTimeInMilliseconds > 9223372036854775807", vm("A", 2)));
        assertTrue(matches("3 > EnabledState", vm("A", 2)));
        assertTrue(matches("EnabledState > -1", vm("A", 2)));
    }

    @Test
    void stringsCompareIgnoringCaseAndNullComparisonsAreFalse() {
        assertTrue(matches("elementname = 'VM-a'", vm("a", 2)));
        assertTrue(matches("ElementName <> \"x\"", vm("a", 2)));
        assertFalse(matches("Description = 'x'", vm("a", 2)));
        assertFalse(matches("Description <> 'x'", vm("a", 2)));
        assertFalse(matches("Missing = 'x'", vm("a", 2)));
        assertTrue(matches("NOT Description = 'x'", vm("a", 2)));
        assertTrue(matches("Description IS NULL AND Missing IS NULL AND Name IS NOT NULL", vm("a", 2)));
        assertFalse(matches("EnabledState = NULL", vm("a", 2)));
        assertTrue(matches("Name = 'it\\'s'", vm("it's", 2)));
    }

    @Test
    void realsBooleansAndNaN() {
        CimInstance i = CimInstance.builder("X").put("R", CimValue.of(CimType.REAL64, Double.NaN))
                .put("F", CimValue.of(CimType.REAL32, 1.5f)).put("B", CimValue.bool(true)).build();
        for (String w : List.of("R = TRUE", "R = R", "R <> 1", "TRUE = R", "B = R"))
            assertFalse(Wql.parseSelect("SELECT * FROM X WHERE " + w).matches(i, ClassHierarchy.FLAT), w);
        for (String w : List.of("F = 1.5", "F > '1.4'", "B = 1", "B = 'true'", "B <> FALSE", "1 = B"))
            assertTrue(Wql.parseSelect("SELECT * FROM X WHERE " + w).matches(i, ClassHierarchy.FLAT), w);
    }

    @Test
    void datetimesAndReferencesCompareWithStringLiterals() {
        CimInstance i = CimInstance.builder("X")
                .put("T", CimValue.datetime(CimDateTime.parse("20240115150000.000000+000")))
                .put("Z", CimValue.datetime(CimDateTime.parse("00000000000000.000000+000")))
                .put("P", CimValue.ref(ObjectPath.parse("Msvm_ComputerSystem.CreationClassName=\"Msvm_ComputerSystem\",Name=\"G\"")))
                .put("A", CimValue.strings(List.of("a"))).build();
        for (String w : List.of("T = '20240115100000.000000-300'", "T > '20240115145959.000000+000'", "T <> 'garbage' OR T IS NOT NULL",
                "P = 'msvm_computersystem.name=\"G\",CreationClassName=\"Msvm_ComputerSystem\"'", "Z = '00000000000000.000000+000'",
                "A IS NOT NULL", "Z < T"))
            assertTrue(Wql.parseSelect("SELECT * FROM X WHERE " + w).matches(i, ClassHierarchy.FLAT), w);
        for (String w : List.of("T = 'garbage'", "T < '20240115100000.000000-300'", "P = 'C.K=1'", "A = 'a'", "A <> 'a'", "Z > T"))
            assertFalse(Wql.parseSelect("SELECT * FROM X WHERE " + w).matches(i, ClassHierarchy.FLAT), w);
    }

    @Test
    void likePatterns() {
        CimInstance v = vm("Web-01", 2);
        for (String yes : List.of("'web%'", "'%-0_'", "'[uvw]eb%'", "'[a-z]EB-[0-9][0-9]'", "'[^x]%'", "'%'", "'Web-01'"))
            assertTrue(matches("Name LIKE " + yes, v), yes);
        for (String no : List.of("'web'", "'_eb'", "'[^w]%'", "'%x%'", "'Web-01_'"))
            assertFalse(matches("Name LIKE " + no, v), no);
        assertTrue(matches("Name NOT LIKE 'x%'", v));
        assertTrue(matches("EnabledState LIKE '2'", v));
        assertTrue(matches("Name LIKE '%[%]%'", vm("100%", 2)));
        assertFalse(matches("Description LIKE '%'", v));
    }

    @Test
    void precedenceIsNotThenAndThenOr() {
        CimInstance v = vm("A", 2);
        assertTrue(matches("EnabledState = 3 OR EnabledState = 2 AND Name = 'A'", v));
        assertFalse(matches("(EnabledState = 3 OR EnabledState = 2) AND Name = 'B'", v));
        assertTrue(matches("EnabledState = 3 OR EnabledState = 2 AND NOT Name = 'B'", v));
        assertFalse(matches("NOT EnabledState = 2 OR Name = 'B'", v));
    }

    @Test
    void systemProperties() {
        CimInstance v = vm("A", 2);
        assertTrue(matches("__CLASS = 'msvm_computersystem'", v));
        assertTrue(matches("__RELPATH LIKE 'Msvm_ComputerSystem.%'", v));
        assertTrue(matches("__SERVER = 'h'", v));
        assertTrue(Wql.parseSelect("SELECT * FROM CIM_ManagedElement WHERE __THIS ISA 'CIM_ComputerSystem'").matches(v, HIERARCHY));
        assertFalse(Wql.parseSelect("SELECT * FROM CIM_ManagedElement WHERE __this ISA 'Msvm_Other'").matches(v, HIERARCHY));
    }

    @Test
    void osWinPowerStateEventQuery() {
        WqlQuery.Select q = Wql.parseSelect("SELECT EnabledState, TargetInstance FROM __InstanceModificationEvent WITHIN 2 "
                + "WHERE TargetInstance ISA 'Msvm_ComputerSystem' AND TargetInstance.EnabledState != PreviousInstance.EnabledState "
                + "AND (TargetInstance.EnabledState = '2' OR TargetInstance.EnabledState = '3')");
        assertTrue(q.isEventQuery());
        assertEquals(Duration.ofSeconds(2), q.within());
        assertEquals("Msvm_ComputerSystem", q.isaClass("targetinstance").orElseThrow());
        CimInstance started = event("__InstanceModificationEvent", vm("A", 2), vm("A", 10));
        CimInstance unchanged = event("__InstanceModificationEvent", vm("A", 2), vm("A", 2));
        CimInstance paused = event("__InstanceModificationEvent", vm("A", 9), vm("A", 2));
        assertTrue(q.matches(started, HIERARCHY));
        assertFalse(q.matches(unchanged, HIERARCHY));
        assertFalse(q.matches(paused, HIERARCHY));
        assertFalse(q.matches(event("__InstanceCreationEvent", vm("A", 2), vm("A", 10)), HIERARCHY));
        assertEquals(q, Wql.parse(q.toWql()));
        assertTrue(q.toWql().startsWith("SELECT EnabledState, TargetInstance FROM __InstanceModificationEvent WITHIN 2 WHERE "), q.toWql());
        WqlQuery.Select half = Wql.parseSelect("select * from __InstanceCreationEvent within 0.25");
        assertEquals("SELECT * FROM __InstanceCreationEvent WITHIN 0.25", half.toWql());
        CimInstance projected = q.project(started);
        assertEquals(List.of("TargetInstance"), List.copyOf(projected.properties().keySet()));
        assertTrue(Wql.parseSelect("SELECT * FROM __InstanceOperationEvent WITHIN 1 WHERE TargetInstance ISA 'CIM_ManagedElement'")
                .matches(event("__InstanceDeletionEvent", vm("A", 3), null), HIERARCHY));
        assertTrue(Wql.parseSelect("SELECT * FROM __InstanceCreationEvent WITHIN 0.5 WHERE TargetInstance ISA 'Msvm_ComputerSystem'")
                .within().equals(Duration.ofMillis(500)));
    }

    @Test
    void clusterFailoverWatcherQuery() {
        WqlQuery.Select q = Wql.parseSelect("SELECT * FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA 'MSCluster_Resource' "
                + "AND TargetInstance.Type='Virtual Machine' AND TargetInstance.OwnerNode != PreviousInstance.OwnerNode");
        CimInstance before = CimInstance.builder("MSCluster_Resource").put("Type", CimValue.string("Virtual Machine")).put("OwnerNode", CimValue.string("n1")).build();
        CimInstance after = before.toBuilder().put("OwnerNode", CimValue.string("n2")).build();
        assertTrue(q.matches(event("__InstanceModificationEvent", after, before), ClassHierarchy.FLAT));
        assertFalse(q.matches(event("__InstanceModificationEvent", before, before), ClassHierarchy.FLAT));
    }

    static CimInstance event(String cls, CimInstance target, CimInstance previous) {
        CimInstance.Builder b = CimInstance.builder(cls).put("TargetInstance", CimValue.object(target));
        if (previous != null) b.put("PreviousInstance", CimValue.object(previous));
        return b.put("TIME_CREATED", CimValue.uint64(1)).build();
    }

    @Test
    void selectedPropertiesAndProjection() {
        WqlQuery.Select q = Wql.parseSelect("SELECT name, EnabledState FROM Msvm_ComputerSystem");
        assertEquals(List.of("name", "EnabledState"), q.properties());
        CimInstance p = q.project(vm("A", 2));
        assertEquals(List.of("Name", "EnabledState"), List.copyOf(p.properties().keySet()));
        assertEquals(vm("A", 2).path(), p.path());
    }

    @Test
    void associatorsAndReferencesParseAndEvaluate() {
        WqlQuery q = Wql.parse("ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='Microsoft:A'} WHERE "
                + "AssocClass = Msvm_VirtualSystemSettingDataComponent ResultClass = Msvm_ResourceAllocationSettingData");
        WqlQuery.Associators a = assertInstanceOf(WqlQuery.Associators.class, q);
        assertEquals("Microsoft:A", a.source().key("InstanceID"));
        assertEquals("Msvm_VirtualSystemSettingDataComponent", a.assocClass());
        assertEquals("Msvm_ResourceAllocationSettingData", a.resultClass());
        assertNull(a.role());

        ObjectPath vssd = ObjectPath.parse("root\\virtualization\\v2:Msvm_VirtualSystemSettingData.InstanceID=\"Microsoft:A\"");
        ObjectPath rasd1 = ObjectPath.parse("root\\virtualization\\v2:Msvm_ResourceAllocationSettingData.InstanceID=\"Microsoft:A\\\\1\"");
        ObjectPath sasd = ObjectPath.parse("root\\virtualization\\v2:Msvm_StorageAllocationSettingData.InstanceID=\"Microsoft:A\\\\2\"");
        Map<ObjectPath, CimInstance> store = Map.of(
                rasd1, CimInstance.builder("Msvm_ResourceAllocationSettingData").path(rasd1).build(),
                sasd, CimInstance.builder("Msvm_StorageAllocationSettingData").path(sasd).build());
        List<CimInstance> assocs = List.of(component(vssd, rasd1), component(vssd, sasd),
                component(ObjectPath.parse("Msvm_VirtualSystemSettingData.InstanceID=\"Other\""), rasd1));
        List<CimInstance> result = a.evaluate(assocs, store::get, ClassHierarchy.FLAT);
        assertEquals(List.of(store.get(rasd1)), result);

        WqlQuery.References r = assertInstanceOf(WqlQuery.References.class,
                Wql.parse(Wql.referencesOf(vssd, "Msvm_VirtualSystemSettingDataComponent", "GroupComponent")));
        assertEquals(2, r.evaluate(assocs, ClassHierarchy.FLAT).size());
        assertEquals(0, ((WqlQuery.References) Wql.parse(Wql.referencesOf(vssd, null, "PartComponent"))).evaluate(assocs, ClassHierarchy.FLAT).size());

        WqlQuery.Associators built = (WqlQuery.Associators) Wql.parse(Wql.associatorsOf(vssd, "A", "B", "GroupComponent", "PartComponent"));
        assertEquals(vssd.relative(), built.source());
        assertEquals("PartComponent", built.resultRole());
        assertTrue(((WqlQuery.Associators) Wql.parse("associators of {C.K=1} where classdefsonly")).classDefsOnly());
        WqlQuery.Associators all = (WqlQuery.Associators) Wql.parse("ASSOCIATORS OF {C.K=1} WHERE AssocClass = A ResultClass = R Role = X "
                + "ResultRole = Y RequiredQualifier = 'Q 1' RequiredAssocQualifier = Z ClassDefsOnly KeysOnly");
        assertEquals(all, Wql.parse(all.toWql()));
        assertEquals("Q 1", all.requiredQualifier());
        WqlQuery.References refs = (WqlQuery.References) Wql.parse("references of {C.K=1} where ResultClass = R role = X "
                + "RequiredQualifier = Q SchemaOnly KeysOnly ClassDefsOnly");
        assertEquals(new WqlQuery.References(ObjectPath.parse("C.K=1"), "R", "X", true, true, "Q"), refs);
        assertEquals(refs, Wql.parse(refs.toWql()));
    }

    @Test
    void associatorsResolveOnlyEndsThatCanBeOfTheResultClass() {
        Map<String, String> parents = Map.of("Msvm_ProcessorSettingData", "CIM_ResourceAllocationSettingData",
                "Msvm_MemorySettingData", "CIM_ResourceAllocationSettingData", "Msvm_ResourceAllocationSettingData", "CIM_ResourceAllocationSettingData");
        ClassHierarchy classes = (c, ancestor) -> {
            for (String k = c; k != null; k = parents.get(k)) if (k.equalsIgnoreCase(ancestor)) return true;
            return false;
        };
        ObjectPath vssd = ObjectPath.parse("Msvm_VirtualSystemSettingData.InstanceID=\"A\"");
        ObjectPath cpu = ObjectPath.parse("Msvm_ProcessorSettingData.InstanceID=\"A\\\\0\"");
        ObjectPath memory = ObjectPath.parse("Msvm_MemorySettingData.InstanceID=\"A\\\\1\"");
        ObjectPath byBase = ObjectPath.parse("CIM_ResourceAllocationSettingData.InstanceID=\"A\\\\2\""); // a path naming a base class
        Map<ObjectPath, CimInstance> store = Map.of(cpu, CimInstance.builder("Msvm_ProcessorSettingData").path(cpu).build(),
                memory, CimInstance.builder("Msvm_MemorySettingData").path(memory).build(),
                byBase, CimInstance.builder("Msvm_ProcessorSettingData").path(byBase).build());
        List<ObjectPath> resolved = new java.util.ArrayList<>();
        List<CimInstance> result = assoc("ASSOCIATORS OF {Msvm_VirtualSystemSettingData.InstanceID='A'} WHERE ResultClass = Msvm_ProcessorSettingData")
                .evaluate(List.of(component(vssd, cpu), component(vssd, memory), component(vssd, byBase)), p -> {
                    resolved.add(p);
                    return store.get(p);
                }, classes);
        assertEquals(List.of(store.get(cpu), store.get(byBase)), result);
        assertEquals(List.of(cpu, byBase), resolved, "the memory settings cannot be processor settings: not looked up");
    }

    @Test
    void associationFiltersAreCheckedPerStatement() {
        assertQueryError("ASSOCIATORS OF {C.K=1} WHERE Role = A ResultClass = B role = C", "offset 54", "role is given twice");
        assertQueryError("REFERENCES OF {C.K=1} WHERE ResultClass = A RESULTCLASS = B", "offset 44", "given twice");
        assertQueryError("REFERENCES OF {C.K=1} WHERE AssocClass = A", "offset 28", "ResultClass, Role, RequiredQualifier");
        assertQueryError("REFERENCES OF {C.K=1} WHERE ResultRole = A", "offset 28", "ResultClass, Role");
        assertQueryError("ASSOCIATORS OF {C.K=1} WHERE", "offset 28", "ASSOCIATORS OF filter");
        assertQueryError("ASSOCIATORS OF {C.K=1} WHERE Role =", "offset 35", "a class, role or qualifier name");
    }

    @Test
    void associatorRolesPickTheEnds() {
        ObjectPath a = ObjectPath.parse("N.K=\"a\"");
        ObjectPath b = ObjectPath.parse("N.K=\"b\"");
        ObjectPath c = ObjectPath.parse("N.K=\"c\"");
        Map<ObjectPath, CimInstance> store = Map.of(a, node(a), b, node(b), c, node(c));
        // a -> b and c -> a, in one association class with roles GroupComponent/PartComponent
        List<CimInstance> assocs = List.of(component(a, b), component(c, a));
        assertEquals(List.of(node(b), node(c)), assoc("ASSOCIATORS OF {N.K='a'}").evaluate(assocs, store::get, ClassHierarchy.FLAT));
        assertEquals(List.of(node(b)), assoc("ASSOCIATORS OF {N.K='a'} WHERE Role = GroupComponent").evaluate(assocs, store::get, ClassHierarchy.FLAT));
        assertEquals(List.of(node(c)), assoc("ASSOCIATORS OF {N.K='a'} WHERE ResultRole = GroupComponent").evaluate(assocs, store::get, ClassHierarchy.FLAT));
        assertEquals(List.of(), assoc("ASSOCIATORS OF {N.K='a'} WHERE ResultClass = Other").evaluate(assocs, store::get, ClassHierarchy.FLAT));
        assertEquals(List.of(), assoc("ASSOCIATORS OF {N.K='a'} WHERE AssocClass = Other").evaluate(assocs, store::get, ClassHierarchy.FLAT));
        // a dangling reference is skipped, not an error
        assertEquals(List.of(node(c)), assoc("ASSOCIATORS OF {N.K='a'}").evaluate(assocs, p -> p.equals(c) ? node(c) : null, ClassHierarchy.FLAT));
        // full paths on the association match a relative source
        ObjectPath full = ObjectPath.parse("\\\\H\\root\\x:N.K=\"a\"");
        assertEquals(List.of(node(b)), assoc("ASSOCIATORS OF {N.K='a'}").evaluate(List.of(component(full, b)), store::get, ClassHierarchy.FLAT));
    }

    static WqlQuery.Associators assoc(String wql) {
        return (WqlQuery.Associators) Wql.parse(wql);
    }

    static CimInstance node(ObjectPath p) {
        return CimInstance.builder("N").path(p).put("K", CimValue.string((String) p.key("K"))).build();
    }

    static CimInstance component(ObjectPath group, ObjectPath part) {
        return CimInstance.builder("Msvm_VirtualSystemSettingDataComponent")
                .put("GroupComponent", CimValue.ref(group)).put("PartComponent", CimValue.ref(part)).build();
    }

    @Test
    void errorsNameOffsetAndExpectedToken() {
        assertQueryError("SELECT * Msvm_ComputerSystem", "offset 9", "expected FROM");
        assertQueryError("SELECT * FROM", "offset 13", "class name", "end of the query");
        assertQueryError("SELECT * FROM C WHERE", "offset 21", "property name or a literal");
        assertQueryError("SELECT * FROM C WHERE A = 'x", "offset 26", "unterminated string");
        assertQueryError("SELECT * FROM C WHERE (A = 1", "offset 28", "')'");
        assertQueryError("SELECT * FROM C WHERE A == 1", "offset 25", "property name or a literal");
        assertQueryError("SELECT * FROM C WHERE 1 = 1", "offset 22", "property name on one side");
        assertQueryError("SELECT * FROM C WHERE A LIKE '[ab'", "offset 29", "no closing ']'");
        assertQueryError("SELECT * FROM C WHERE A # 1", "offset 24", "unexpected character '#'");
        assertQueryError("SELECT * FROM __InstanceModificationEvent WITHIN 2 WHERE TargetInstance ISA 'X' GROUP WITHIN 10",
                "offset 80", "GROUP is not supported");
        assertQueryError("SELECT * FROM C WITHIN 0", "offset 23", "positive number");
        assertQueryError("ASSOCIATORS OF {C.K=} WHERE", "offset 15", "object path");
        assertQueryError("ASSOCIATORS OF {C.K=1} WHERE Bogus = X", "offset 29", "AssocClass");
        assertQueryError("REFERENCES OF {C.K=1} WHERE", "offset 27", "REFERENCES OF filter");
        assertQueryError("DELETE FROM C", "offset 0", "SELECT");
        assertQueryError("SELECT * FROM C WHERE A = 1 B", "offset 28", "end of the query");
        assertQueryError("SELECT * FROM C WHERE " + "(".repeat(500) + "A = 1" + ")".repeat(500), "nest deeper");
        CimException e = assertThrows(CimException.class, () -> Wql.parseSelect("REFERENCES OF {C.K=1}"));
        assertEquals(CimError.INVALID_QUERY_TYPE, e.error());
    }

    private static void assertQueryError(String wql, String... fragments) {
        CimException e = assertThrows(CimException.class, () -> Wql.parse(wql));
        assertEquals(CimError.INVALID_QUERY, e.error());
        for (String f : fragments) assertTrue(e.getMessage().contains(f), e.getMessage() + " lacks " + f);
    }

    private static boolean matches(String where, CimInstance i) {
        return Wql.parseSelect("SELECT * FROM " + i.className() + " WHERE " + where).matches(i, HIERARCHY);
    }
}
