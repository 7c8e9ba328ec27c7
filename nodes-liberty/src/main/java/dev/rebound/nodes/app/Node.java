package dev.rebound.nodes.app;

/** This server's name in the suite, from its jvm.options ({@code -Dnodes.node=A}). */
final class Node {

    static final String NAME = System.getProperty("nodes.node", "?");

    private Node() {
    }
}
