package io.hyperv4j.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming parser and generator, without an
 * {@code ObjectMapper}: making the first mapper of a process costs a short command (a lab
 * command, a schema load) a third of its start-up, and a tree needs none of its data binding.
 * The trees are those {@code ObjectMapper.readTree} builds, and the text the one its
 * {@code INDENT_OUTPUT} writes.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    /**
     * Reads exactly one JSON value: text after it is refused.
     *
     * @param text the JSON text
     * @return its tree
     * @throws IOException when the text is not one JSON value, with the location at fault
     */
    public static JsonNode read(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return readWhole(p);
        }
    }

    /**
     * Reads exactly one JSON value from a stream (not closed here).
     *
     * @param in the UTF-8 JSON text
     * @return its tree
     * @throws IOException when the text is not one JSON value, or cannot be read
     */
    public static JsonNode read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            return readWhole(p);
        }
    }

    /**
     * Reads exactly one JSON value from part of a byte array (UTF-8).
     *
     * @param bytes  the array
     * @param offset where the value starts
     * @param length how many bytes it spans
     * @return its tree
     * @throws IOException when those bytes are not one JSON value
     */
    public static JsonNode read(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            return readWhole(p);
        }
    }

    /**
     * A parser over UTF-8 bytes, for a reader that walks a document itself and builds trees of parts
     * of it with {@link #value(JsonParser)}.
     *
     * @param bytes the JSON text
     * @return the parser; close it
     * @throws IOException when it cannot be made
     */
    public static JsonParser parser(byte[] bytes) throws IOException {
        return FACTORY.createParser(bytes);
    }

    /**
     * The tree of the value whose first token the parser is on; the parser is left on its last token.
     *
     * @param p the parser
     * @return the value's tree
     * @throws IOException when the text is malformed
     */
    public static JsonNode value(JsonParser p) throws IOException {
        return value(p, p.currentToken());
    }

    private static JsonNode readWhole(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) throw new JsonParseException(p, "no JSON value (empty text)");
        JsonNode root = value(p, first);
        if (p.nextToken() != null) throw new JsonParseException(p, "text after the JSON value (" + p.currentToken() + ")");
        return root;
    }

    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) o.set(name, value(p, p.nextToken()));
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) a.add(value(p, x));
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new JsonParseException(p, "unexpected " + t);
        }
    }

    /**
     * Whether two trees hold the same JSON: the same members (in any order), the same elements in
     * the same order, equal strings, booleans and nulls, and numbers of equal value, an integral
     * one only equal to an integral one and a floating one only to one of its own type. Two trees
     * called the same therefore hold the same values, however they were made (parsed, where a small
     * number is an {@code int}, or built, where it may be a {@code long}).
     *
     * @param a one tree
     * @param b the other
     * @return whether they hold the same JSON
     */
    public static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.getNodeType() != b.getNodeType()) return false;
        if (a.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode other = b.get(member.getKey());
                if (other == null || !sameJson(member.getValue(), other)) return false;
            }
            return true;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameJson(a.get(i), b.get(i))) return false;
            return true;
        }
        if (a.isIntegralNumber() && b.isIntegralNumber()) return a.bigIntegerValue().equals(b.bigIntegerValue());
        if (a.isNumber()) return a.numberType() == b.numberType() && a.equals(b);
        return a.equals(b);
    }

    /**
     * The tree as JSON text, indented as {@code ObjectMapper}'s {@code INDENT_OUTPUT} does.
     *
     * @param node the tree
     * @return its text
     */
    public static String indented(JsonNode node) {
        return write(node, true);
    }

    /**
     * The tree as JSON text on one line.
     *
     * @param node the tree
     * @return its text
     */
    public static String line(JsonNode node) {
        return write(node, false);
    }

    private static String write(JsonNode node, boolean indent) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (indent) g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON to a string", e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode e : n) write(g, e);
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL, MISSING -> g.writeNull();
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
                }
            }
            case BINARY -> g.writeBinary(n.binaryValue());
            case POJO -> throw new IllegalArgumentException("a JSON tree to write holds a Java object: " + n.getClass().getName());
        }
    }
}
