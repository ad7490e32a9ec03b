package dev.corelanes.engine.files;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

import java.io.IOException;

/**
 * Indents the top two levels of a run file, one field per line, and writes anything deeper (a task, a
 * span, an SMT group) compactly on one line. A dense run has hundreds of thousands of spans: one line
 * each keeps the file readable in an editor and about half the size of fully indented JSON.
 */
final class RowsPrettyPrinter implements PrettyPrinter {

    /** Containers nested deeper than this are written on one line. */
    private static final int INDENTED_LEVELS = 2;

    private int depth;

    private boolean compact() {
        return depth > INDENTED_LEVELS;
    }

    private void newline(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
        for (int i = 0; i < depth; i++) {
            g.writeRaw("  ");
        }
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw('\n');
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        if (!compact()) {
            newline(g);
        }
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(compact() ? ":" : " : ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (!compact()) {
            newline(g);
        }
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        boolean wasCompact = compact();
        depth--;
        if (!wasCompact && entries > 0) {
            newline(g);
        }
        g.writeRaw('}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        if (!compact()) {
            newline(g);
        }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (!compact()) {
            newline(g);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        boolean wasCompact = compact();
        depth--;
        if (!wasCompact && values > 0) {
            newline(g);
        }
        g.writeRaw(']');
    }
}
