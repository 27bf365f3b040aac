package io.hyperv4j.wsman;

import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import io.hyperv4j.sim.Lab;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server checked by a client this project did not write: Debian's python3-winrm, through its raw
 * {@code Protocol.send_message} over HTTP, as {@code lab serve} without --tls: with Basic, and with
 * NTLMv2 and every message sealed in WinRM's encrypted multipart format (requests_ntlm and ntlm_auth
 * do the NTLM). It enumerates the VMs with a WQL filter, gets one, and starts it; the lab must show
 * the start. Fails (not skips) under CI=true when python3-winrm is missing ({@code .ci/run} installs it).
 *
 * <p>ntlm_auth computes the NT hash with {@code hashlib.new('md4')}, which Debian's OpenSSL 3 keeps in
 * its legacy provider; the script runs with an OPENSSL_CONF that loads that provider.
 */
class PywinrmInteropTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"basic", "ntlm"})
    void pywinrmEnumeratesGetsAndStartsAVm(String transport) throws Exception {
        Pywinrm.require("winrm.protocol", "python3-winrm");
        Lab lab = Pywinrm.lab();
        try (ServedLab served = ServedLab.serve(lab, false, dir)) {
            JsonNode r = Pywinrm.check(dir, lab, "http://127.0.0.1:" + served.server.port() + "/wsman", ServedLab.USER, transport,
                    Map.of("HYPERV4J_PASSWORD", new String(ServedLab.credentials().password())));
            if (transport.equals("ntlm")) assertTrue(r.get("encrypted").asBoolean(), "pywinrm sealed its messages");
        }
    }
}
