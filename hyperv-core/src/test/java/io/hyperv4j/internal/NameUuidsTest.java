package io.hyperv4j.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The simulator's derived ids are kept in lab files: NameUuids must give exactly the JDK's name-based UUIDs. */
class NameUuidsTest {
    @Test
    void digestsTheRfc1321TestSuite() {
        String[][] suite = {
                {"", "d41d8cd98f00b204e9800998ecf8427e"},
                {"a", "0cc175b9c0f1b6a831c399e269772661"},
                {"abc", "900150983cd24fb0d6963f7d28e17f72"},
                {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
                {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
                {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"},
                {"12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"}};
        for (String[] c : suite)
            assertEquals(c[1], HexFormat.of().formatHex(NameUuids.md5(c[0].getBytes(StandardCharsets.US_ASCII))), c[0]);
    }

    @Test
    void givesTheJdksUuidForEveryLengthAroundTheBlockBoundaries() throws Exception {
        Random random = new Random(16);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (int length = 0; length <= 300; length++) {
            for (int round = 0; round < 5; round++) {
                byte[] name = new byte[length];
                random.nextBytes(name);
                assertArrayEquals(md5.digest(name), NameUuids.md5(name), "length " + length);
                assertEquals(UUID.nameUUIDFromBytes(name), NameUuids.of(name), "length " + length);
            }
        }
    }

    @Test
    void givesTheJdksUuidForTheNamesTheSimulatorDerivesIdsFrom() {
        for (String name : new String[] {"bios:8F2A1C3E-5B7D-4E9F-A1B2-C3D4E5F60718", "scsi0:8f2a1c3e-5b7d-4e9f-a1b2-c3d4e5f60718",
                "Microsoft Hyper-V VSS Writer", "vm\\drive\\7", "ŝtato: ünïcödé ☃"})
            assertEquals(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)), NameUuids.of(name), name);
    }
}
