package dev.rebound.examples.orders.payment;

import java.util.Locale;

/**
 * How the simulated payment provider misbehaves: {@code OFF}; {@code ALWAYS}; {@code TIMES} (the next
 * {@code count} charges fail); {@code PERCENT} (each charge fails with probability {@code percent}/100).
 */
public record Fault(Mode mode, int count, int percent) {

    public enum Mode {
        OFF, ALWAYS, TIMES, PERCENT
    }

    public static final Fault NONE = new Fault(Mode.OFF, 0, 0);

    public Fault {
        if (mode == null) {
            throw new IllegalArgumentException("mode is one of off, always, times, percent");
        }
        if (mode == Mode.TIMES && count < 1) {
            throw new IllegalArgumentException("mode times needs a count of 1 or more");
        }
        if (mode == Mode.PERCENT && (percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("mode percent needs a percent between 0 and 100");
        }
    }

    /** Reads a mode name case-insensitively. */
    public static Mode mode(String name) {
        try {
            return name == null ? null : Mode.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    @Override
    public String toString() {
        return switch (mode) {
            case OFF -> "off";
            case ALWAYS -> "always";
            case TIMES -> "the next " + count + " charge(s)";
            case PERCENT -> percent + "% of charges";
        };
    }
}
