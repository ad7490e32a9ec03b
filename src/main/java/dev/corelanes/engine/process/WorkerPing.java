package dev.corelanes.engine.process;

import java.nio.charset.StandardCharsets;

/**
 * The worker protocol's ping, for code outside this package that times a round trip to a worker JVM the
 * way the parent does during its handshake (the overhead lab). Lines are formatted and parsed here, by
 * the protocol's own classes, so the lab measures exactly what real workers exchange.
 */
public final class WorkerPing {

    private WorkerPing() {
    }

    /** The bytes the parent writes to ask for pong {@code seq}: one protocol line with its newline. */
    public static byte[] request(long seq) {
        return (WorkerProtocol.ping(seq) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code line} (without its newline) is the child's hello. */
    public static boolean isHello(String line) {
        try {
            return WorkerLineParser.parse(line) instanceof WorkerMessage.Hello;
        } catch (ProtocolException e) {
            return false;
        }
    }

    /** Whether {@code line} (without its newline) answers ping {@code seq}. */
    public static boolean answers(String line, long seq) {
        try {
            return WorkerLineParser.parse(line) instanceof WorkerMessage.Pong p && p.seq() == seq;
        } catch (ProtocolException e) {
            return false;
        }
    }
}
