package dev.rebound.deadletter;

import dev.rebound.core.Diagnostics;
import java.util.Locale;
import java.util.Optional;

/** {@value #PROPERTY}: what Rebound does with its tables when the application starts. */
public enum SchemaSetting {
    /** Nothing: the application's migrations own the tables (the default). */
    NONE,
    /** Fails the start, naming every missing table and column. */
    VALIDATE,
    /** Applies the shipped migrations of the detected database that the table lacks ({@link ReboundSchema#create}). */
    CREATE;

    public static final String PROPERTY = "rebound.schema";

    /** The setting of a property value, {@link #NONE} if absent; a value that is none of them is refused. */
    public static SchemaSetting of(Optional<String> value) {
        if (value.isEmpty()) {
            return NONE;
        }
        try {
            return valueOf(value.get().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Diagnostics.badSchemaMode(value.get()));
        }
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
