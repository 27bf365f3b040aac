package io.hyperv4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperv4j.internal.JsonTrees;
import java.io.PrintStream;

/** Where a command's result goes: stdout, as JSON with {@code --json}, as text otherwise. */
public final class Output {
    private final PrintStream out;
    private final boolean json;

    Output(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    /** Prints the result: {@code json} with --json, {@code text} (printed as is) without. */
    public void result(JsonNode jsonForm, String text) {
        if (json) printJson(jsonForm);
        else {
            out.print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
            out.flush();
        }
    }

    public void printJson(JsonNode node) {
        write(JsonTrees.indented(node));
    }

    /** One JSON value on one line (JSON lines: a stream a reader can take one record at a time). */
    public void jsonLine(JsonNode node) {
        write(JsonTrees.line(node));
    }

    private void write(String jsonText) {
        out.println(jsonText);
        out.flush();
    }

    /** A line of text in plain mode only (with --json stdout carries nothing but the JSON). */
    public void line(String text) {
        if (!json) out.println(text);
    }
}
