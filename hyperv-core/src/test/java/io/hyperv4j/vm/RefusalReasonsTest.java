package io.hyperv4j.vm;

import static org.junit.jupiter.api.Assertions.*;

import io.hyperv4j.HyperVHost;
import io.hyperv4j.InvalidParameterException;
import io.hyperv4j.JobFailedException;
import io.hyperv4j.sim.junit.HyperVSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the host knows why it refuses, the typed exception says so: in its message and in
 * {@code hostMessage()}, read from the refusal's job (ErrorDescription, GetErrorEx) as on Windows, not
 * from simulator text. The type stays the one the return code has (32773: InvalidParameterException).
 */
@HyperVSimulator
class RefusalReasonsTest {

    @Test
    void moreProcessorsThanTheHostHasIsRefusedNamingTheLimit(HyperVHost host) {
        VirtualMachine vm = host.vms().create(VmSpec.builder("wide").build());
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> vm.setProcessorCount(200).await());
        assertEquals(32773, e.returnCode().getAsLong());
        String reason = e.hostMessage().orElseThrow();
        assertTrue(reason.contains("16 logical processors") && reason.contains("not 200"), reason);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        JobFailedException job = assertInstanceOf(JobFailedException.class, e.getCause(), "the job that carried the refusal");
        assertFalse(job.errors().isEmpty(), "GetErrorEx's Msvm_Error is kept");
        assertEquals(1, vm.info().processors(), "nothing changed");
    }

    @Test
    void attachingAMissingFileIsRefusedNamingTheFile(HyperVHost host, @TempDir Path dir) {
        VirtualMachine vm = host.vms().create(VmSpec.builder("diskless").build());
        Path missing = dir.resolve("nowhere.vhdx");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> vm.hardDisks().attach(missing, ControllerType.SCSI));
        assertTrue(e.hostMessage().orElseThrow().contains(missing.toString()), e.hostMessage().toString());
        assertTrue(vm.hardDisks().list().isEmpty(), "the drive added for it was taken away again");
    }
}
