package dev.rebound.examples.orders.payment;

import java.util.Locale;

/**
 * How the simulated payment provider misbehaves: {@code OFF}; {@code ALWAYS}; {@code TIMES} (the next
 * {@code count} charges fail; {@code count} is what is left); {@code PERCENT} (each charge fails with
 * probability {@code percent}/100).
 */
public record Fault(Mode mode, int count, int percent) {

    public enum Mode {
        OFF, ALWAYS, TIMES, PERCENT
    }

    public static final Fault NONE = new Fault(Mode.OFF, 0, 0);

    /**
     * A fault as a client asks for it.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Fault parse(String mode, Integer count, Integer percent) {
        Mode parsed;
        try {
            parsed = Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException unknown) {
            throw new IllegalArgumentException("mode is one of off, always, times, percent; got " + mode);
        }
        if (parsed == Mode.TIMES && (count == null || count < 1)) {
            throw new IllegalArgumentException("mode times needs a count of 1 or more");
        }
        if (parsed == Mode.PERCENT && (percent == null || percent < 0 || percent > 100)) {
            throw new IllegalArgumentException("mode percent needs a percent between 0 and 100");
        }
        return new Fault(parsed, parsed == Mode.TIMES ? count : 0, parsed == Mode.PERCENT ? percent : 0);
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
