package dev.rebound.spike.it;

/** Deliberately has no bean implementation in the failing deployment. */
public interface MissingDependency {
    void call();
}
