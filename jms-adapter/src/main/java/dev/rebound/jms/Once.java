package dev.rebound.jms;

import java.util.function.Supplier;

/**
 * A supplier that asks its source once, on first use, and then keeps the value; a failure is not kept, so the
 * next call asks again (a connection factory bound later). Thread-safe. The adapter's own, as it sees Rebound
 * only through the public API.
 */
final class Once<T> implements Supplier<T> {

    private final Supplier<T> source;
    private volatile T value;

    private Once(Supplier<T> source) {
        this.source = source;
    }

    static <T> Once<T> of(Supplier<T> source) {
        return new Once<>(source);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = source.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
