package io.hyperv4j.job;

import static io.hyperv4j.job.ReturnCodes.Family.*;
import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.AccessDeniedException;
import io.hyperv4j.BusyException;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.InvalidStateException;
import io.hyperv4j.MethodFailedException;
import io.hyperv4j.NotSupportedException;
import org.junit.jupiter.api.Test;

class ReturnCodesTest {

    @Test
    void theSameSmallNumberMeansDifferentThingsPerFamily() {
        assertEquals("Invalid Parameter", ReturnCodes.name(CIM_METHOD, 4));
        assertEquals("Failed", ReturnCodes.name(JOB_STATE_CHANGE, 4));
        assertInstanceOf(InvalidParameterException.class, ReturnCodes.toException(CIM_METHOD, 4, "x", null));
        assertEquals(MethodFailedException.class, ReturnCodes.toException(JOB_STATE_CHANGE, 4, "x", null).getClass());
        assertInstanceOf(InvalidStateException.class, ReturnCodes.toException(CIM_METHOD, 5, "x", null));
        assertInstanceOf(InvalidStateException.class, ReturnCodes.toException(JOB_STATE_CHANGE, 4097, "x", null));
        assertInstanceOf(BusyException.class, ReturnCodes.toException(JOB_STATE_CHANGE, 4099, "x", null));
        assertEquals("Busy", ReturnCodes.name(JOB_STATE_CHANGE, 4099));
    }

    @Test
    void msvmCodesAreReadTheSameInEveryFamily() {
        for (ReturnCodes.Family f : ReturnCodes.Family.values()) {
            assertInstanceOf(AccessDeniedException.class, ReturnCodes.toException(f, 32769, "x", null));
            assertInstanceOf(NotSupportedException.class, ReturnCodes.toException(f, 32770, "x", null));
            assertInstanceOf(InvalidParameterException.class, ReturnCodes.toException(f, 32773, "x", null));
            assertInstanceOf(BusyException.class, ReturnCodes.toException(f, 32774, "x", null));
            assertInstanceOf(InvalidStateException.class, ReturnCodes.toException(f, 32775, "x", null));
            assertEquals("Out of memory", ReturnCodes.name(f, 32778));
        }
    }

    @Test
    void messageSaysWhatWasAttemptedTheCodeItsNameAndTheState() {
        InvalidStateException e = (InvalidStateException) ReturnCodes.toException(MSVM, 32775, "pause VM 'web01' (ID)", io.hyperv4j.vm.VmState.OFF);
        assertEquals("Cannot pause VM 'web01' (ID): Hyper-V returned 32775 (Invalid state for this operation); current state is Off", e.getMessage());
        assertEquals(32775, e.returnCode().getAsLong());
        assertEquals("Invalid state for this operation", e.returnCodeName().orElseThrow());
        assertEquals(java.util.Optional.of(io.hyperv4j.vm.VmState.OFF), e.currentState());
    }

    @Test
    void reservedRangesAreNamed() {
        assertEquals("Method Reserved", ReturnCodes.name(CIM_METHOD, 4200));
        assertEquals("DMTF Reserved", ReturnCodes.name(CIM_METHOD, 77));
        assertEquals("Vendor Specific", ReturnCodes.name(CIM_METHOD, 40000));
        assertEquals(MethodFailedException.class, ReturnCodes.toException(CIM_METHOD, 2, "x", null).getClass());
    }
}
