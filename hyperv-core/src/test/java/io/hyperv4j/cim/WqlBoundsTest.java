package io.hyperv4j.cim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Bounded work for any query (issue 12, findings 6 and 9): LIKE runs in one pass whose work is
 * counted, patterns are capped, and WHERE clauses of 100,000 terms parse, evaluate and print
 * without recursion. Before: a 30,000-character pattern took 32 s; toString overflowed at 5,000 ORs.
 */
class WqlBoundsTest {

    @Test
    void likeWorkGrowsLinearlyInTheTextForThePatternThatBacktrackedForMinutes() {
        String pattern = "%" + "a".repeat(4000) + " b";
        WqlLike like = WqlLike.compile(pattern);
        int words = (4002 + 1 + 63) / 64;
        for (int n : new int[] {50_000, 100_000, 200_000}) {
            String text = "a".repeat(n);
            assertFalse(like.matches(text));
            long steps = like.steps(text);
            // one pass: 'words' word operations per character, plus one pass over the pattern per distinct character
            assertTrue(steps <= (long) n * words + 4002, n + " characters took " + steps + " steps");
        }
        // the backtracking matcher compared up to m characters at each of n positions: 8e8 for n = 200,000
        assertTrue(like.steps("a".repeat(200_000)) < 200_000L * 4000 / 50);
        assertTrue(like.matches("a".repeat(5000) + " b"));
        assertTrue(like.matches("x" + "a".repeat(4000) + " b"));
        assertFalse(like.matches("a".repeat(3999) + " b"));
    }

    @Test
    void likeStillMeansWhatWmiSays() {
        assertTrue(WqlLike.compile("%").matches(""));
        assertTrue(WqlLike.compile("").matches(""));
        assertFalse(WqlLike.compile("").matches("a"));
        assertTrue(WqlLike.compile("a%b%c").matches("AxxBxxC"));
        assertFalse(WqlLike.compile("a%b%c").matches("AxxCxxB"));
        assertTrue(WqlLike.compile("_[a-c]%[^x]").matches("qbzzy"));
        assertFalse(WqlLike.compile("_[a-c]%[^x]").matches("qbzzx"));
        String wide = "%" + "_".repeat(100) + "z%";   // states span two words
        assertTrue(WqlLike.compile(wide).matches("y".repeat(100) + "z"));
        assertFalse(WqlLike.compile(wide).matches("y".repeat(99) + "z"));
    }

    @Test
    void aPatternOverTheCapIsRefusedWithTheCap() {
        String query = "SELECT * FROM Msvm_ComputerSystem WHERE ElementName LIKE '%" + "a".repeat(30_000) + " b'";
        CimException e = assertThrows(CimException.class, () -> Wql.parse(query));
        assertEquals(CimError.INVALID_QUERY, e.error());
        assertTrue(e.getMessage().contains("at most " + WqlLike.MAX_PATTERN), e.getMessage());
    }

    @Test
    void aHundredThousandTermsParseEvaluateAndPrintWithoutRecursion() {
        int terms = 100_000;
        for (String op : new String[] {" OR ", " AND "}) {
            StringBuilder q = new StringBuilder("SELECT * FROM C WHERE ");
            for (int i = 0; i < terms; i++) q.append(i == 0 ? "" : op).append("N <> ").append(i + 1);
            WqlQuery.Select s = (WqlQuery.Select) Wql.parse(q.toString());
            CimInstance i = CimInstance.builder("C").put("N", CimValue.of(CimType.UINT32, 0L)).build();
            assertTrue(s.matches(i, ClassHierarchy.FLAT));
            String text = s.toWql();
            assertEquals(s, Wql.parse(text), "printed text parses back to the same query");
            assertTrue(s.toString().length() > terms, "toString prints every term");
            assertEquals(s.hashCode(), Wql.parse(text).hashCode());
        }
        StringBuilder nots = new StringBuilder("SELECT * FROM C WHERE ");
        nots.append("NOT ".repeat(99)).append("N = 1");
        assertTrue(((WqlQuery.Select) Wql.parse(nots.toString())).matches(
                CimInstance.builder("C").put("N", CimValue.of(CimType.UINT32, 0L)).build(), ClassHierarchy.FLAT));
    }
}
