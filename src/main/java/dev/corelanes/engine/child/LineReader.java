package dev.corelanes.engine.child;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads '\n'-terminated lines from a stream without ever holding more than {@code maxBytes} of one line:
 * a child that writes megabytes without a newline cannot exhaust the parent's memory.
 */
public final class LineReader {

    /** A line was longer than the limit; the rest of it is still unread. */
    public static final class LineTooLongException extends IOException {
        LineTooLongException(int maxBytes) {
            super("line longer than " + maxBytes / 1024 + " KiB");
        }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int len;

    public LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator ('\r' before '\n' dropped), or null at end of stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        boolean any = false;
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    // A last line without '\n' is still a line; an empty stream is the end.
                    return any ? decode(line) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < len && buf[pos] != '\n') {
                pos++;
            }
            line.write(buf, start, pos - start);
            if (line.size() > maxBytes) {
                throw new LineTooLongException(maxBytes);
            }
            if (pos < len) {
                pos++; // the '\n'
                return decode(line);
            }
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
