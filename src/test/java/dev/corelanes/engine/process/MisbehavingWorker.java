package dev.corelanes.engine.process;

import java.io.PrintStream;
import java.util.Scanner;

/**
 * A fake child that breaks the protocol in the way its name says ({@code --worker garbage}, …). The parent
 * must fail the task with a clear message, and never crash or hang.
 */
public final class MisbehavingWorker {

    private MisbehavingWorker() {
    }

    public static void main(String[] args) throws Exception {
        String how = args[1];
        PrintStream out = System.out;
        if (how.equals("silent-exit")) {
            System.err.println("something went badly wrong in the child");
            System.exit(3);
        }
        if (how.equals("mute")) {
            Thread.sleep(60_000); // never says hello
            return;
        }
        out.println("hello corelanes-worker 1 " + ProcessHandle.current().pid());
        out.flush();
        Scanner in = new Scanner(System.in);
        while (in.hasNextLine()) {
            String line = in.nextLine();
            if (line.startsWith("ping ")) {
                out.println("pong " + line.substring(5) + " " + System.nanoTime());
            } else if (line.startsWith("task ")) {
                int task = Integer.parseInt(line.substring(5));
                long t = System.nanoTime();
                switch (how) {
                    case "garbage" -> out.println("start " + task + " " + t + "\nW@RNING: <<binary junk>>");
                    case "huge" -> {
                        out.println("start " + task + " " + t);
                        out.print("span " + task + " running 0 " + "1".repeat(200_000));
                        out.flush();
                        Thread.sleep(60_000); // and never ends the line
                    }
                    case "wrong-task" -> out.println("start " + (task + 1) + " " + t);
                    case "out-of-order" -> out.println("end " + task + " completed 0 " + t);
                    case "bad-numbers" -> out.println("start " + task + " " + t + "\nspan " + task + " running 0 " + t + " " + (t - 5));
                    case "empty" -> out.println("start " + task + " " + t + "\n");
                    case "error" -> out.println("error could not read the core");
                    default -> out.println("end " + task + " completed 0 " + t);
                }
            } else if (line.equals("done") || line.equals("stop")) {
                out.println("bye 0 -1");
                out.flush();
                return;
            }
            out.flush();
        }
    }
}
