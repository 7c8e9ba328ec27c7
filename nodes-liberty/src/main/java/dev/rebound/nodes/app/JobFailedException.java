package dev.rebound.nodes.app;

/** The failure the plan asks for; its message names the node, so that a dead letter says where it failed last. */
public class JobFailedException extends RuntimeException {

    JobFailedException(String key, String node) {
        super("job " + key + " failed on node " + node + " (planned)");
    }
}
