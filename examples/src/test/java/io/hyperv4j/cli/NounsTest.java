package io.hyperv4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The noun table lists every noun the tool has, each under its own name. */
class NounsTest {

    @Test
    void eachNameMakesTheNounOfThatName() {
        for (String name : Nouns.NAMES) assertEquals(name, Nouns.create(name).name());
        assertEquals(List.copyOf(new TreeSet<>(Nouns.NAMES)), Nouns.NAMES, "sorted, each name once");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nouns.create("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void everyNounClassIsInTheTable() {
        Set<String> inTable = Nouns.NAMES.stream().map(n -> Nouns.create(n).getClass().getName()).collect(Collectors.toSet());
        Set<String> nounClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hyperv4j.cli").stream()
                .filter(c -> c.isAssignableTo(NounCommand.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toSet());
        assertFalse(nounClasses.isEmpty());
        assertEquals(nounClasses, inTable);
    }

    @Test
    void theToolListsEveryNounInNameOrder() {
        Cli cli = Cli.withInstalledNouns(System.out, System.err, Environment.isolated(Map.of(), Clock.systemUTC()));
        assertEquals(Nouns.NAMES, List.copyOf(cli.nouns().keySet()));
    }

    /** The command line finds a verb with {@code verb(name)}; usage lists {@code verbs()}: both must declare the same verbs. */
    @Test
    void eachNounFindsEveryVerbItListsUnderItsNameAndNoOther() {
        for (String name : Nouns.NAMES) {
            NounCommand noun = Nouns.create(name);
            Set<String> seen = new TreeSet<>();
            for (Verb listed : noun.verbs()) {
                assertTrue(seen.add(listed.name()), name + " lists '" + listed.name() + "' twice");
                Verb found = noun.verb(listed.name());
                assertEquals(listed.synopsis(name), found.synopsis(name), name + " " + listed.name());
                assertEquals(listed.summary(), found.summary(), name + " " + listed.name());
                assertEquals(listed.options().keySet(), found.options().keySet(), name + " " + listed.name());
            }
            assertEquals(null, noun.verb("no-such-verb"), name);
            if (!seen.contains("")) assertEquals(null, noun.verb(""), name + " has no default verb");
        }
    }
}
