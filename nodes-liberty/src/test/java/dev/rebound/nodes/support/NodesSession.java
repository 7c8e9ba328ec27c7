package dev.rebound.nodes.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops both servers and the shared PostgreSQL when the test run ends (registered as a service). */
public class NodesSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Cluster.stopIfStarted();
    }
}
