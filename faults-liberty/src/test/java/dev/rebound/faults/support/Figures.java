package dev.rebound.faults.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Collects the scenarios' verdicts: one line each, and the suite's total at the end, printed and written to a file. */
final class Figures {

    private static Verdict total = new Verdict(0, 0, 0, 0, 0, 0);
    private static int scenarios;

    private Figures() {
    }

    static synchronized void add(String scenario, Verdict verdict) {
        total = total.plus(verdict);
        scenarios++;
        write(verdict.line() + " (" + scenario + ")", scenarios == 1);
    }

    static synchronized void printTotal() {
        if (scenarios > 0) {
            write(total.line() + " (total of " + scenarios + " scenarios)", false);
        }
    }

    private static void write(String line, boolean first) {
        System.out.println(line);
        String file = System.getProperty("faults.figure");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
