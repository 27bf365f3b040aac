package io.hyperv4j.scvmm.storage.internal.vds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnmaskingListTest {
    @Test
    void mappingAddsOnlyNewInitiatorsAndUnmappingRemovesThemWhateverTheirSpelling() {
        UnmaskingList l = UnmaskingList.parse("10000000C9701101; iqn.1991-05.com.microsoft:host1;");
        assertEquals(List.of("10000000C9701101", "iqn.1991-05.com.microsoft:host1"), l.initiators());
        UnmaskingList more = l.with(List.of("10:00:00:00:c9:70:11:01", "10000000C9702201"));
        assertEquals("10000000C9701101;iqn.1991-05.com.microsoft:host1;10000000C9702201", more.text());
        assertEquals("iqn.1991-05.com.microsoft:host1;10000000C9702201", more.without(List.of("10-00-00-00-C9-70-11-01")).text());
        assertEquals("", UnmaskingList.parse(null).text(), "an empty list masks the LUN from everyone");
    }
}
