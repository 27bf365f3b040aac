package io.hyperv4j.wsman;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What running Debian's pywinrm needs from a test. */
public final class Pywinrm {
    private Pywinrm() {}

    /**
     * An OpenSSL configuration that loads the default and legacy providers: ntlm_auth computes the NT
     * hash with {@code hashlib.new('md4')}, which Debian's OpenSSL 3 keeps in the legacy provider.
     * Pass its path as OPENSSL_CONF.
     *
     * @param dir where to write it
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path opensslLegacyConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("openssl-legacy.cnf"), String.join("\n", "openssl_conf = openssl_init", "[openssl_init]",
                "providers = provider_sect", "[provider_sect]", "default = default_sect", "legacy = legacy_sect",
                "[default_sect]", "activate = 1", "[legacy_sect]", "activate = 1", ""));
    }
}
