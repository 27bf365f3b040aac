package io.hyperv4j.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperv4j.HyperVException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Lab-file schema tests' one move: write a saved lab with one change, load it, and check it is refused and left as written. */
public final class LabFileEdits {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabFileEdits() {}

    /** The refusal's message after writing {@code saved} changed by {@code change} to {@code file} and loading it. */
    public static String refusedAfter(Path file, ObjectNode saved, Consumer<ObjectNode> change) throws Exception {
        ObjectNode copy = saved.deepCopy();
        change.accept(copy);
        String text = JSON.writeValueAsString(copy);
        Files.writeString(file, text);
        HyperVException e = assertThrows(HyperVException.class, () -> Lab.load(file));
        assertEquals(text, Files.readString(file), "a refused file is not rewritten");
        return e.getMessage();
    }
}
