package dev.rebound.bench;

import dev.rebound.bench.async.AsyncSuite;
import dev.rebound.bench.async.FailureSuite;
import dev.rebound.bench.deadletter.DeadLetterSuite;
import dev.rebound.bench.deadletter.ReplaySuite;
import dev.rebound.bench.dedup.DedupSuite;
import dev.rebound.bench.gateway.GatewaySuite;
import dev.rebound.bench.limits.LimitsSuite;
import dev.rebound.bench.memory.MemorySuite;
import dev.rebound.bench.outbox.OutboxSuite;
import dev.rebound.bench.tracing.TracingSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the comparisons of issue 6 and writes {@code results.json} and {@code RESULTS.md} next to this module's
 * pom. Arguments: the suites to run ({@code all}, or a comma-separated subset of limits, gateway, async, failure,
 * deadletter, replay, memory, dedup, tracing, outbox; or dedup-cleanup, the second half of dedup alone, or tracing-direct, the second half of
 * tracing alone); system property
 * {@code bench.scale} multiplies message counts and durations
 * (1 = the committed figures; 0.1 for a quick look); {@code bench.output}, if set, names the files to write
 * instead (without extension), e.g. for a partial rerun that must not replace the committed table.
 */
public final class RunAll {

    private static final List<String> SUITES = List.of("limits", "gateway", "async", "failure", "deadletter", "replay", "memory",
            "dedup", "tracing", "outbox");

    private RunAll() {
    }

    public static void main(String[] args) {
        try {
            runAll(args);
            System.exit(0);
        } catch (Throwable failure) {
            // the broker's and consumers' threads would keep the JVM (and the build) alive
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void runAll(String[] args) throws Exception {
        List<String> chosen = args.length == 0 || args[0].equals("all") ? SUITES : List.of(args[0].split(","));
        double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
        Results results = new Results(Machine.describe());
        long start = System.nanoTime();
        Map<String, String> durations = new LinkedHashMap<>();
        for (String suite : chosen) {
            long t0 = System.nanoTime();
            System.out.println("=== suite " + suite + " (scale " + scale + ")");
            switch (suite) {
                case "limits" -> LimitsSuite.run(results, scale);
                case "gateway" -> GatewaySuite.run(results, scale);
                case "async" -> AsyncSuite.run(results, scale);
                case "failure" -> FailureSuite.run(results, scale);
                case "deadletter" -> DeadLetterSuite.run(results, scale);
                case "replay" -> ReplaySuite.run(results, scale);
                case "memory" -> MemorySuite.run(results, scale);
                case "dedup" -> DedupSuite.run(results, scale);
                case "tracing" -> TracingSuite.run(results, scale);
                case "outbox" -> OutboxSuite.run(results, scale);
                case "tracing-direct" -> TracingSuite.direct(results, scale);
                case "dedup-cleanup" -> DedupSuite.cleanup(results, scale);
                default -> throw new IllegalArgumentException("unknown suite " + suite + "; known: " + SUITES);
            }
            durations.put("suite " + suite, seconds(System.nanoTime() - t0) + ", load average after it "
                    + Machine.loadAverage());
            // written after every suite, so that a long run cut short still leaves what it measured
            Map<String, String> finished = new LinkedHashMap<>(durations);
            finished.put("total time", seconds(System.nanoTime() - start));
            finished.put("scale", String.valueOf(scale));
            String output = System.getProperty("bench.output");
            results.write(Path.of(output == null ? "results.json" : output + ".json"),
                    Path.of(output == null ? "RESULTS.md" : output + ".md"), finished);
        }
        System.out.println("Wrote RESULTS.md and results.json");
    }

    private static String seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds() + " s";
    }
}
