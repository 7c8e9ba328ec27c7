package dev.rebound.bench;

import java.util.List;

/**
 * One line of the results table: Rebound's figure against the baseline measured in the same run.
 *
 * @param suite which comparison (gateway, async, failure, deadletter, memory)
 * @param name what was measured
 * @param unit unit of {@code rebound} and {@code baseline}
 * @param rebound Rebound's figure (median of the measured rounds)
 * @param baseline the hand-written / direct figure, or NaN when there is none
 * @param ratio how Rebound compares, as the goal states it (e.g. throughput ratio, or ns over the direct call)
 * @param goal the goal in words, or empty
 * @param met whether the goal is met; {@code null} when there is no goal
 * @param rounds every measured round's figures, Rebound's and the baseline's, for the raw JSON
 * @param note how it was measured, or why a goal is missed
 */
public record Result(String suite, String name, String unit, double rebound, double baseline, double ratio,
                     String goal, Boolean met, List<double[]> rounds, String note) {

    public static Result info(String suite, String name, String unit, double value, String note) {
        return new Result(suite, name, unit, value, Double.NaN, Double.NaN, "", null, List.of(), note);
    }
}
