package dev.rebound.bench.deadletter;

import dev.rebound.BulkReplay;
import dev.rebound.DeadLetter;
import dev.rebound.DeadLetterFilter;
import dev.rebound.DeadLetters;
import dev.rebound.ReplayOptions;
import dev.rebound.bench.Machine;
import dev.rebound.bench.Order;
import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import dev.rebound.bench.Work;
import dev.rebound.bench.async.Rounds;
import dev.rebound.deadletter.DeadLetterService;
import dev.rebound.deadletter.JpaDeadLetterStore;
import dev.rebound.spi.DeadLetterStore;
import dev.rebound.testing.Deployments;
import dev.rebound.testsupport.Jpa;
import dev.rebound.testsupport.Postgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Issues 16 and 17: replaying dead letters at scale on PostgreSQL (Hibernate, Narayana, Agroal). 10,000 dead
 * letters on one replayer and 100,000 with three concurrent replayers ("nodes" in one JVM: services of their own,
 * each with its own store instance, claims and progress), batched claims ({@code replayAll} and bulk replays: a
 * claim of 100 in one short transaction, then the 100 handlers and the removal in one transaction) against the
 * one-transaction-per-message path ({@code DeadLetters.replay(ids)}: per message, read the row, remove it and run
 * the handler in one transaction; three replayers walk the same ids oldest first) in the same run, alternated.
 * Every round checks 0 duplicates (each order's handler ran once) and an empty table.
 */
public final class ReplaySuite {

    private ReplaySuite() {
    }

    public static void run(Results results, double scale) throws Exception {
        int small = (int) Math.max(1000, Math.round(10_000 * scale));
        int large = (int) Math.max(3000, Math.round(100_000 * scale));
        String before = Machine.loadAverage();
        try (WeldContainer app = Deployments.weld(Map.of(), RejectingDesk.class, DeadLetteringBus.class).initialize()) {
            DeadLetteringBus bus = app.select(DeadLetteringBus.class).get();
            RejectingDesk desk = app.select(RejectingDesk.class).get();
            DeadLetterService local = (DeadLetterService) app.select(DeadLetters.class).get();
            Rows.execute("TRUNCATE rebound_dead_letter");
            bus.send(Order.number(-1));
            String stackTrace = Rows.stackTraceOfAStoredRow();
            desk.use(Work.happy());
            List<DeadLetterService> nodes = new ArrayList<>(List.of(local));
            for (int n = 1; n < 3; n++) {
                DeadLetterStore store = new JpaDeadLetterStore(Jpa::transactionScoped);
                nodes.add(local.asNode("node-" + n, () -> store, Clock.systemUTC()));
            }
            if (Boolean.getBoolean("bench.replay.processes-only")) {
                processesResult(results, local, large, stackTrace);
                return;
            }
            // warm-up of both paths
            oneByOne(desk, local, 1, Math.min(small, 2000), stackTrace);
            batched(desk, List.of(local), Math.min(small, 2000), stackTrace, true);

            List<double[]> single = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                single.add(new double[] {batched(desk, List.of(local), small, stackTrace, true),
                        oneByOne(desk, local, 1, small, stackTrace)});
            }
            double batchedRate = Rounds.median(single, 0);
            double oldRate = Rounds.median(single, 1);
            results.add(new Result("replay", "replay of " + String.format(Locale.ROOT, "%,d", small)
                    + " dead letters, one replayer (DeadLetters.replayAll: batched claims)", "replays/s",
                    batchedRate, oldRate, batchedRate / oldRate, ">= 5,000 replays/s", batchedRate >= 5_000, single,
                    "median of 3 rounds [batched, one transaction per message]; baseline: DeadLetters.replay(ids), "
                            + "one transaction per message (the path before issue 16); 0 duplicates checked"));

            List<double[]> three = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                three.add(new double[] {batched(desk, nodes, large, stackTrace, false),
                        oneByOne(desk, local, 3, large, stackTrace)});
            }
            double nodesRate = Rounds.median(three, 0);
            double oldNodesRate = Rounds.median(three, 1);
            results.add(new Result("replay", "bulk replay of " + String.format(Locale.ROOT, "%,d", large)
                    + " dead letters by three concurrent replayers (in one JVM), total", "replays/s", nodesRate,
                    oldNodesRate, nodesRate / oldNodesRate, ">= 2,000 replays/s in total, 0 duplicates",
                    nodesRate >= 2_000, three, "2 rounds (each long) [three bulk replays of the same selection, "
                            + "one per node; three threads of DeadLetters.replay(ids) on the same ids, oldest first]; "
                            + "0 duplicates checked; load before " + before + ", after " + Machine.loadAverage()));

            processesResult(results, local, large, stackTrace);
        }
    }

    private static void processesResult(Results results, DeadLetters local, int large, String stackTrace)
            throws Exception {
        List<double[]> processes = new ArrayList<>();
        List<String> shares = new ArrayList<>();
        processes(local, Math.min(large, 5000), large, 2, stackTrace, processes, shares);
        double processRate = Rounds.median(processes, 0);
        results.add(new Result("replay", "bulk replay of " + String.format(Locale.ROOT, "%,d", large)
                + " dead letters by three processes (JVMs on one PostgreSQL), total", "replays/s", processRate,
                Double.NaN, Double.NaN, ">= 2,000 replays/s in total, 0 duplicates", processRate >= 2_000,
                processes, "median of 2 rounds after a warm-up round of 5,000; three JVMs (Weld, Narayana, "
                        + "Agroal, Hibernate; -Xmx512m each), each running one bulk replay of the same selection, "
                        + "timed from the go to the last one's end; per round, each node's handled/skipped: "
                        + shares + "; 0 duplicates and an empty table checked; load after "
                        + Machine.loadAverage()));
    }

    /**
     * The three-node bulk replay with real processes: three JVMs ({@link ReplayNode}) on this PostgreSQL start and
     * say they are ready; in each round the table is filled and at the go each runs one bulk replay of the same
     * selection; their handler runs are merged and checked (each order once) with the table empty after. Round 0
     * ({@code warmUp} dead letters) is not recorded.
     */
    private static void processes(DeadLetters local, int warmUp, int count, int rounds, String stackTrace,
                                  List<double[]> rates, List<String> shares) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "replay-processes")
                .toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> nodes = List.of("process-0", "process-1", "process-2");
        List<Process> children = new ArrayList<>();
        try {
            for (String node : nodes) {
                Path work = Files.createDirectories(dir.resolve(node));
                List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m", "-XX:+UseG1GC",
                        "-D" + Postgres.URL + "=" + Postgres.jdbcUrl()));
                String logging = System.getProperty("java.util.logging.config.file");
                if (logging != null) {
                    command.add("-Djava.util.logging.config.file=" + Path.of(logging).toAbsolutePath());
                }
                command.addAll(List.of("-cp", classPath, ReplayNode.class.getName(), node,
                        String.valueOf(rounds + 1), dir.toString()));
                children.add(new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve(node + ".log").toFile()).start());
            }
            awaitFiles(dir, nodes, ".ready", children, TimeUnit.MINUTES.toNanos(3));
            for (int round = 0; round <= rounds; round++) {
                int n = round == 0 ? warmUp : count;
                fill(n, stackTrace);
                long go = System.currentTimeMillis();
                Path order = Files.writeString(dir.resolve("go.tmp"), n + " " + go);
                Files.move(order, dir.resolve("go-" + round));             // whole, when a node sees it
                awaitFiles(dir, nodes, ".outcome-" + round, children, TimeUnit.MINUTES.toNanos(15));
                int[] runs = new int[n + 1];
                long handled = 0;
                long end = go;
                StringBuilder share = new StringBuilder();
                for (String node : nodes) {
                    List<String> lines = Files.readAllLines(dir.resolve(node + ".outcome-" + round));
                    String[] head = lines.get(0).split(" ");
                    if (!head[0].equals(BulkReplay.State.COMPLETED.name())) {
                        throw new IllegalStateException(node + ": " + lines.get(0));
                    }
                    handled += Long.parseLong(head[1]);
                    end = Math.max(end, Long.parseLong(head[4]));
                    share.append(share.length() == 0 ? "" : " / ").append(head[1]).append('/').append(head[3]);
                    for (String line : lines.subList(1, lines.size())) {
                        String[] seqRuns = line.split(" ");
                        runs[Integer.parseInt(seqRuns[0])] += Integer.parseInt(seqRuns[1]);
                    }
                }
                check(local, new AtomicIntegerArray(runs), n, handled);
                double rate = n / ((end - go) / 1000.0);
                System.out.printf(Locale.ROOT, "  batched, three processes%s: %,d in %.1f s = %.0f/s (%s)%n",
                        round == 0 ? " (warm-up)" : "", n, (end - go) / 1000.0, rate, share);
                if (round > 0) {
                    rates.add(new double[] {rate});
                    shares.add(share.toString());
                }
            }
        } finally {
            for (Process child : children) {
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    /** Waits until every node has written its file; a node that exits first fails it, with its log's end. */
    private static void awaitFiles(Path dir, List<String> nodes, String suffix, List<Process> children,
                                   long timeoutNanos) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        for (int n = 0; n < nodes.size(); n++) {
            Path file = dir.resolve(nodes.get(n) + suffix);
            while (!Files.exists(file)) {
                if (!children.get(n).isAlive() || System.nanoTime() > deadline) {
                    List<String> log = Files.readAllLines(dir.resolve(nodes.get(n) + ".log"));
                    throw new IllegalStateException(nodes.get(n) + " wrote no " + suffix + " file: "
                            + String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size())));
                }
                Thread.sleep(5);
            }
        }
    }

    /** Batched: {@code replayAll} on one node, or one bulk replay per node of the same selection at once. */
    private static double batched(RejectingDesk desk, List<DeadLetterService> nodes, int count, String stackTrace,
                                  boolean replayAll) throws Exception {
        fill(count, stackTrace);
        AtomicIntegerArray runs = desk.count(count);
        long start = System.nanoTime();
        long handled;
        if (replayAll) {
            handled = nodes.get(0).replayAll();
        } else {
            DeadLetterFilter selection = DeadLetterFilter.all().upTo(Instant.now());
            List<BulkReplay> started = new ArrayList<>();
            for (DeadLetterService node : nodes) {
                started.add(node.replayInBackground(selection, new ReplayOptions(1_000_000, false)));
            }
            handled = 0;
            for (int n = 0; n < nodes.size(); n++) {
                BulkReplay done;
                do {
                    Thread.sleep(20);
                    done = nodes.get(n).bulkReplay(started.get(n).id()).orElseThrow();
                } while (!done.state().finished());
                if (done.state() != BulkReplay.State.COMPLETED) {
                    throw new IllegalStateException("bulk replay on " + done.node() + ": " + done);
                }
                System.out.printf(Locale.ROOT, "  %s: handled %,d, failed %d, skipped %d%n", done.node(),
                        done.handled(), done.failed(), done.skipped());
                handled += done.handled();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(nodes.get(0), runs, count, handled);
        double rate = count / seconds;
        System.out.printf(Locale.ROOT, "  batched, %d replayer(s): %,d in %.1f s = %.0f/s%n", nodes.size(), count,
                seconds, rate);
        return rate;
    }

    /** The one-transaction-per-message path, on {@code replayers} threads that each walk all ids oldest first. */
    private static double oneByOne(RejectingDesk desk, DeadLetterService node, int replayers, int count,
                                   String stackTrace) throws Exception {
        fill(count, stackTrace);
        List<UUID> ids = new ArrayList<>(count);
        for (int offset = 0; offset < count; offset += 1000) {
            node.list(offset, 1000).stream().map(DeadLetter::id).forEach(ids::add);
        }
        AtomicIntegerArray runs = desk.count(count);
        ExecutorService threads = Executors.newFixedThreadPool(replayers);
        long start = System.nanoTime();
        long handled = 0;
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int r = 0; r < replayers; r++) {
                work.add(() -> node.replay(ids));
            }
            for (Future<Integer> done : threads.invokeAll(work, 30, TimeUnit.MINUTES)) {
                handled += done.get();
            }
        } finally {
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(node, runs, count, handled);
        double rate = count / seconds;
        System.out.printf(Locale.ROOT, "  one transaction per message, %d replayer(s): %,d in %.1f s = %.0f/s%n",
                replayers, count, seconds, rate);
        return rate;
    }

    private static void fill(int count, String stackTrace) throws Exception {
        Rows.execute("TRUNCATE rebound_dead_letter");
        Rows.fill(count, stackTrace);
    }

    /** Every order's handler ran exactly once, all were counted as handled, none is left. */
    private static void check(DeadLetters deadLetters, AtomicIntegerArray runs, int count, long handled) {
        int duplicates = 0;
        int missing = 0;
        for (int seq = 1; seq <= count; seq++) {
            int ran = runs.get(seq);
            duplicates += Math.max(0, ran - 1);
            missing += ran == 0 ? 1 : 0;
        }
        long left = deadLetters.count();
        if (duplicates != 0 || missing != 0 || handled != count || left != 0) {
            throw new IllegalStateException("replay of " + count + ": " + duplicates + " duplicates, " + missing
                    + " never ran, " + handled + " counted as handled, " + left + " left");
        }
    }
}
