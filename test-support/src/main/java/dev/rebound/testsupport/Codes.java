package dev.rebound.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a module's codes class against {@code CODES.md} at the root: every {@code REBOUND-nnnn} in the class is in
 * a range whose row names the class (full name, in backticks, in the "where the texts are" column), and none is
 * also in another module's codes class, unless CODES.md lists it after {@code Shared codes:}. A test per module
 * calls {@link #check(String)}; {@link #problems} is the rule itself, for a test of the rule.
 */
public final class Codes {

    private static final Pattern CODE = Pattern.compile("REBOUND-(\\d{4})");
    /** A range ("3001-3059") or a single code ("2017") of the table's first column. */
    private static final Pattern RANGE = Pattern.compile("(\\d{4})(?:-(\\d{4}))?");
    private static final Pattern CLASS = Pattern.compile("`(dev\\.rebound\\.[\\w.]+)`");

    /** A row of CODES.md's table: its ranges and the codes classes it names. */
    private record Row(List<int[]> ranges, Set<String> classes) {

        boolean holds(int code) {
            return ranges.stream().anyMatch(r -> r[0] <= code && code <= r[1]);
        }
    }

    private Codes() {
    }

    /** Fails with every problem of the class (found in the repository this test runs in). */
    public static void check(String codesClass) {
        Path root = root();
        String table = read(root.resolve("CODES.md"));
        Map<String, String> sources = new LinkedHashMap<>();
        for (String name : classes(table)) {
            sources.put(name, read(source(root, name)));
        }
        List<String> problems = problems(table, sources, codesClass);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    /**
     * The problems of {@code codesClass}: a code outside its rows' ranges, a code another codes class also has.
     *
     * @param table the text of CODES.md
     * @param sources the source of every codes class CODES.md names, by class name
     */
    public static List<String> problems(String table, Map<String, String> sources, String codesClass) {
        List<Row> rows = rows(table);
        List<String> problems = new ArrayList<>();
        if (!sources.containsKey(codesClass)) {
            return List.of("CODES.md names no `" + codesClass + "` in its \"where the texts are\" column");
        }
        Set<Integer> shared = shared(table);
        Set<Integer> own = codes(sources.get(codesClass));
        if (own.isEmpty()) {
            problems.add(codesClass + " holds no REBOUND code");
        }
        for (int code : own) {
            boolean inRange = rows.stream().anyMatch(row -> row.classes().contains(codesClass) && row.holds(code));
            if (!inRange) {
                problems.add("REBOUND-" + code + " of " + codesClass + " is in no range CODES.md gives it");
            }
        }
        for (Map.Entry<String, String> other : sources.entrySet()) {
            if (other.getKey().equals(codesClass)) {
                continue;
            }
            Set<Integer> both = new TreeSet<>(codes(other.getValue()));
            both.retainAll(own);
            both.removeAll(shared);
            for (int code : both) {
                problems.add("REBOUND-" + code + " is in both " + codesClass + " and " + other.getKey()
                        + " (a code has one owner; CODES.md's \"Shared codes:\" lists deliberate exceptions)");
            }
        }
        return problems;
    }

    /** Every code in a text. */
    public static Set<Integer> codes(String text) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static List<Row> rows(String table) {
        List<Row> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 4 || !RANGE.matcher(cells[1]).find()) {
                continue;
            }
            List<int[]> ranges = new ArrayList<>();
            Matcher r = RANGE.matcher(cells[1]);
            while (r.find()) {
                int first = Integer.parseInt(r.group(1));
                ranges.add(new int[] {first, r.group(2) == null ? first : Integer.parseInt(r.group(2))});
            }
            Set<String> classes = new TreeSet<>();
            Matcher c = CLASS.matcher(cells[3]);
            while (c.find()) {
                classes.add(c.group(1));
            }
            rows.add(new Row(ranges, classes));
        }
        return rows;
    }

    private static Set<String> classes(String table) {
        Set<String> all = new TreeSet<>();
        rows(table).forEach(row -> all.addAll(row.classes()));
        return all;
    }

    private static Set<Integer> shared(String table) {
        Set<Integer> shared = new TreeSet<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("Shared codes:")) {
                Matcher m = Pattern.compile("\\d{4}").matcher(line);
                while (m.find()) {
                    shared.add(Integer.parseInt(m.group()));
                }
            }
        }
        return shared;
    }

    /** The repository's root: the nearest folder up from the working directory that holds CODES.md. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("CODES.md"))) {
                return dir;
            }
        }
        throw new AssertionError("No CODES.md above " + Path.of("").toAbsolutePath());
    }

    private static Path source(Path root, String className) {
        String file = "src/main/java/" + className.replace('.', '/') + ".java";
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(module -> module.resolve(file)).filter(Files::exists).findFirst()
                    .orElseThrow(() -> new AssertionError("CODES.md names " + className + ", which no module has"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
