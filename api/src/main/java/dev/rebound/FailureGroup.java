package dev.rebound;

import java.time.Instant;

/**
 * Dead letters that failed the same way: same exception type, same handler and same first application stack
 * frame (class and method, without the line number, so that a redeployment that only moves lines keeps the
 * group). Usually one bug; fixing it and replaying the group is the normal way out.
 *
 * @param fingerprint the group's key, stable across restarts and servers
 * @param exceptionClass the exception type of the latest failure
 * @param handler the failed handler, or {@code null}
 * @param failureSite the first stack frame of the application ({@code Class.method}), or {@code null}
 * @param count how many dead letters are in the group
 * @param firstFailedAt the earliest first failure of the group
 * @param lastFailedAt the latest failure of the group
 */
public record FailureGroup(String fingerprint, String exceptionClass, String handler, String failureSite,
                           long count, Instant firstFailedAt, Instant lastFailedAt) {
}
