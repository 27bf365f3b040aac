package io.hyperv4j.sim.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyperv4j.cim.CimInstance;
import io.hyperv4j.cim.MethodResult;
import org.junit.jupiter.api.Test;

/** Issue 11: a job names who submitted it (CIM_Job.Owner), as a real host fills it; before, Owner was null. */
class ConcreteJobOwnerTest {

    @Test
    void everyJobOfTheHostNamesTheAccountThatSubmittedIt() {
        try (V2Fixture f = new V2Fixture()) {
            MethodResult r = f.define("vm1");
            CimInstance job = f.job(r);
            assertEquals(V2Fixture.HOST.toUpperCase(java.util.Locale.ROOT) + "\\Administrator", job.getString("Owner"));
            f.settle();
            for (CimInstance j : f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ConcreteJob"))
                assertEquals(job.getString("Owner"), j.getString("Owner"), j.getString("InstanceID"));
            assertEquals(1, f.session.query(V2.NAMESPACE, "SELECT * FROM Msvm_ConcreteJob WHERE Owner LIKE '%\\\\Administrator'").size());
        }
    }
}
