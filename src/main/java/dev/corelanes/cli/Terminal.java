package dev.corelanes.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the command line writes to: a terminal or not (progress with {@code \r} only on a terminal), a pipe or a
 * file, and in which character set — under {@code LANG=C} the JVM writes US-ASCII, and "×" came out as "?".
 */
final class Terminal {

    private Terminal() {
    }

    /** Linux: true when file descriptor {@code fd} (1 stdout, 2 stderr) is a terminal; false when unknown. */
    static boolean isTerminal(int fd) {
        return target(fd).startsWith("/dev/pts/") || target(fd).startsWith("/dev/tty");
    }

    /** Linux: true when file descriptor {@code fd} is a pipe (e.g. into {@code head}); false when unknown. */
    static boolean isPipe(int fd) {
        return target(fd).startsWith("pipe:");
    }

    private static String target(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The character set the JVM writes stdout in ({@code stdout.encoding}, Java 19+), else the default. */
    static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * A writer that replaces the few typographic characters CoreLanes prints with plain ones when {@code charset}
     * cannot encode them: "×2.05" stays readable as "x2.05" under LANG=C rather than "?2.05". Everything else
     * passes through (what the charset cannot encode then is the JVM's "?").
     */
    static Writer plain(Writer out, Charset charset) {
        CharsetEncoder enc = charset.newEncoder();
        if (enc.canEncode("×—–…→÷·µ≈’‘“”≥≤−•")) {
            return out;
        }
        return new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                StringBuilder b = new StringBuilder(len);
                for (int i = off; i < off + len; i++) {
                    char c = cbuf[i];
                    b.append(enc.canEncode(c) ? String.valueOf(c) : fallback(c));
                }
                out.write(b.toString());
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    static String fallback(char c) {
        return switch (c) {
            case '×' -> "x";
            case '—', '–', '−' -> "-";
            case '…' -> "...";
            case '→' -> "->";
            case '÷' -> "/";
            case '·', '•' -> "*";
            case 'µ' -> "u";
            case '≈' -> "~";
            case '’', '‘' -> "'";
            case '“', '”' -> "\"";
            case '≥' -> ">=";
            case '≤' -> "<=";
            default -> "?";
        };
    }
}
