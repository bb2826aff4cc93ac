// Generated per problem: reads cases.txt, calls the solution once per case, prints `<nonce>{json}` lines.
import java.util.*;

public class Main {
    static String nonce;
    static java.io.PrintStream real;

    static void emit(String json) {
        real.print("\n" + nonce + json + "\n");
        real.flush();
    }

    static String lineOf(Throwable e) {
        for (StackTraceElement f : e.getStackTrace())
            if ("/*FILE*/".equals(f.getFileName())) return ",\"line\":" + (f.getLineNumber() - 1);
        return "";
    }

    public static void main(String[] argv) throws Exception {
        real = System.out;
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Paths.get("cases.txt"));
        nonce = lines.get(0);
        // The JVM is up: the time limit counts from here (the runner waits for exactly this text).
        emit("{\"started\":true}");
        for (int i = 1; i < lines.size(); i++) {
            List<Object> args = J.list(J.parse(lines.get(i)));
            CaseOut captured = new CaseOut();
            System.setOut(new java.io.PrintStream(captured, true));
            long start = System.nanoTime();
            try {
                Object result = call(args);
                double ms = (System.nanoTime() - start) / 1e6;
                System.setOut(real);
                emit("{\"i\":" + (i - 1) + ",\"actual\":" + J.json(result) + ",\"stdout\":" + J.str(captured.text()) + ",\"ms\":" + ms + "}");
            } catch (OutOfMemoryError e) {
                System.setOut(real);
                emit("{\"i\":" + (i - 1) + ",\"memory\":true,\"error\":\"java.lang.OutOfMemoryError\"}");
                System.exit(0);
            } catch (Throwable e) {
                double ms = (System.nanoTime() - start) / 1e6;
                System.setOut(real);
                emit("{\"i\":" + (i - 1) + ",\"error\":" + J.str(e.toString()) + lineOf(e) + ",\"stdout\":" + J.str(captured.text()) + ",\"ms\":" + ms + "}");
            }
        }
        emit("{\"done\":true}");
    }

    @SuppressWarnings("unchecked")
    static Object call(List<Object> args) throws Exception {
    /*CALL*/
    }
}
