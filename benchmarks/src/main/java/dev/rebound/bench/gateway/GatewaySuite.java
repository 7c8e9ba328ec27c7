package dev.rebound.bench.gateway;

import dev.rebound.bench.Result;
import dev.rebound.bench.Results;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Issue item 1: runs {@link GatewayBenchmark} with JMH (two forked JVMs, their iterations together) and reports
 * ns/op against the direct call.
 */
public final class GatewaySuite {

    /** Issue 17: at most 150 ns over the direct call, and within 2x the FT-style interceptor's own overhead. */
    private static final double GOAL_NS_OVER_DIRECT = 150;
    private static final double GOAL_TIMES_INTERCEPTOR = 2;

    private GatewaySuite() {
    }

    public static void run(Results results, double scale) throws RunnerException {
        int seconds = Math.max(1, (int) Math.round(2 * scale));
        Options options = new OptionsBuilder().include(GatewayBenchmark.class.getName())
                .forks(2).shouldFailOnError(true).warmupIterations(3).warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(5).measurementTime(TimeValue.seconds(seconds))
                .jvmArgs("-Xms512m", "-Xmx512m", "-XX:+UseG1GC")
                .resultFormat(ResultFormatType.JSON).result("target/jmh-gateway.json").build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, Double> score = new HashMap<>();
        Map<String, List<double[]>> rounds = new HashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            score.put(name, run.getPrimaryResult().getScore());
            List<double[]> iterations = new ArrayList<>();
            run.getBenchmarkResults().forEach(b -> b.getIterationResults()
                    .forEach(i -> iterations.add(new double[] {i.getPrimaryResult().getScore()})));
            rounds.put(name, iterations);
        }
        double direct = score.get("directCall");
        double intercepted = score.get("interceptedCall");
        double interceptorOver = intercepted - direct;
        double gatewayOver = score.get("reboundResilientGateway") - direct;
        report(results, "CommandBus.send, gateway with error channel + instant retry", "reboundResilientGateway",
                score, rounds, direct, String.format(java.util.Locale.ROOT, "<= %.0f ns over the direct call and "
                        + "<= %.0fx the FT-style interceptor's (+%.1f ns)", GOAL_NS_OVER_DIRECT,
                        GOAL_TIMES_INTERCEPTOR, interceptorOver),
                gatewayOver <= GOAL_NS_OVER_DIRECT && gatewayOver <= GOAL_TIMES_INTERCEPTOR * interceptorOver);
        report(results, "CommandBus.send, plain bus (dispatch only)", "reboundPlainCommandBus", score, rounds, direct,
                "", null);
        results.add(new Result("gateway", "bean method behind an FT-style retry/fallback interceptor", "ns/op",
                intercepted, direct, interceptorOver, "", null, rounds.get("interceptedCall"),
                "JMH average time, 1 thread; baseline: direct call of the handler bean (client proxy); "
                        + "ratio = ns over the direct call; iterations " + range(rounds.get("interceptedCall"))));
        results.add(Result.info("gateway", "direct call of the handler bean", "ns/op", direct,
                "the baseline of this suite; iterations " + range(rounds.get("directCall"))));
    }

    private static void report(Results results, String what, String benchmark, Map<String, Double> score,
                               Map<String, List<double[]>> rounds, double direct, String goal, Boolean met) {
        double ns = score.get(benchmark);
        double over = ns - direct;
        results.add(new Result("gateway", what, "ns/op", ns, direct, over, goal, met, rounds.get(benchmark),
                String.format(java.util.Locale.ROOT, "JMH average time, 1 thread, %.1fx the direct call; "
                        + "ratio = ns over the direct call; iterations %s", ns / direct, range(rounds.get(benchmark)))));
    }

    /** The lowest and highest iteration (ns/op) of both forks. */
    private static String range(List<double[]> iterations) {
        double min = iterations.stream().mapToDouble(i -> i[0]).min().orElse(Double.NaN);
        double max = iterations.stream().mapToDouble(i -> i[0]).max().orElse(Double.NaN);
        return String.format(java.util.Locale.ROOT, "%.1f-%.1f ns (%d)", min, max, iterations.size());
    }
}
