package io.hyperv4j.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The lab's save check trusts {@link JsonTrees#sameJson}: trees it calls the same must hold the same values. */
class JsonTreesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static JsonNode parsed(String text) throws Exception {
        return JsonTrees.read(text);
    }

    @Test
    void aBuiltTreeIsTheSameAsItsParsedTextWhateverItsIntegerTypesAndMemberOrder() throws Exception {
        ObjectNode built = F.objectNode();
        built.put("seed", 7L).put("big", Long.MAX_VALUE).put("rate", 1.5).put("name", "HV01").putNull("none");
        built.putArray("list").add(1L).add(true).addObject().put("x", (short) 3);
        assertTrue(JsonTrees.sameJson(built, parsed(JsonTrees.indented(built))));
        assertTrue(JsonTrees.sameJson(parsed("{\"a\":1,\"b\":[2,3]}"), parsed("{\"b\":[2,3],\"a\":1}")));
    }

    @Test
    void anyDifferenceInValueTypeOrShapeMakesTreesDifferent() throws Exception {
        JsonNode file = parsed("{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":null}");
        String[] changed = {
            "{\"count\":2,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":null}",
            "{\"count\":1.0,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":null}",
            "{\"count\":\"1\",\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":null}",
            "{\"count\":1,\"rate\":0.25,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":null}",
            "{\"count\":1,\"rate\":0.5,\"list\":[2,1],\"name\":\"a\",\"on\":true,\"none\":null}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2,3],\"name\":\"a\",\"on\":true,\"none\":null}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"A\",\"on\":true,\"none\":null}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":false,\"none\":null}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":0}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"none\":null,\"more\":1}",
            "{\"count\":1,\"rate\":0.5,\"list\":[1,2],\"name\":\"a\",\"on\":true,\"other\":null}",
        };
        for (String c : changed) {
            assertFalse(JsonTrees.sameJson(file, parsed(c)), c);
            assertFalse(JsonTrees.sameJson(parsed(c), file), c);
        }
        assertFalse(JsonTrees.sameJson(parsed("{\"x\":-0.0}"), parsed("{\"x\":0.0}")));
        assertFalse(JsonTrees.sameJson(F.objectNode().put("x", 0.1f), parsed("{\"x\":0.1}")), "a float is not the double its text reads as");
        assertTrue(JsonTrees.sameJson(parsed("{\"x\":123456789012345678901234567890}"), parsed("{\"x\":123456789012345678901234567890}")));
        assertFalse(JsonTrees.sameJson(parsed("{\"x\":123456789012345678901234567890}"), parsed("{\"x\":123456789012345678901234567891}")));
    }
}
