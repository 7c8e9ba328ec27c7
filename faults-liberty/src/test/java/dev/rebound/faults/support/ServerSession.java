package dev.rebound.faults.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared server when the test run ends, and prints the suite's total (registered as a service). */
public class ServerSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            LibertyServer.stopIfStarted();
        } finally {
            Figures.printTotal();
        }
    }
}
