package dev.rebound.core;

import java.util.function.Supplier;

/** A supplier that asks its source once, on first use, and then keeps the value. Thread-safe. */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> source;
    private volatile T value;

    private Lazy(Supplier<T> source) {
        this.source = source;
    }

    public static <T> Lazy<T> of(Supplier<T> source) {
        return new Lazy<>(source);
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
