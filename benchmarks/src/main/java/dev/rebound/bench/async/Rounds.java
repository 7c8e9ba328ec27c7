package dev.rebound.bench.async;

import dev.rebound.bench.Work;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Alternates the two sides of a comparison round by round, after one warm-up round each. */
public final class Rounds {

    private Rounds() {
    }

    /** Each measured round's [Rebound, baseline] messages per second. */
    public static List<double[]> alternate(Side rebound, Side baseline, long count, int measured,
                                           Supplier<Work> work) throws Exception {
        rebound.round(Math.max(1000, count / 2), work.get());
        baseline.round(Math.max(1000, count / 2), work.get());
        List<double[]> rounds = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            double r;
            double b;
            if (i % 2 == 0) {
                r = rebound.round(count, work.get());
                b = baseline.round(count, work.get());
            } else {
                b = baseline.round(count, work.get());
                r = rebound.round(count, work.get());
            }
            rounds.add(new double[] {r, b});
        }
        return rounds;
    }

    public static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).toArray();
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
