package dev.rebound.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface between one client and one server (a node and its database, say), that a
 * test can cut and heal: {@link #cut()} closes every connection it carries (both sides see a reset or an end of
 * stream) and, until {@link #heal()}, closes each new connection as soon as it is accepted, as a network partition
 * between the two does for the client (its server stays up for everyone else). One thread per direction per
 * connection, daemon threads; {@link #close()} ends it all.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger severed = new AtomicInteger();
    private volatile boolean cut;
    private volatile boolean closed;

    private TcpProxy(ServerSocket server, String targetHost, int targetPort) {
        this.server = server;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on {@code 127.0.0.1:<any free port>} to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy to(int targetPort) {
        return to(0, "127.0.0.1", targetPort);
    }

    /** A proxy on {@code 127.0.0.1:port} ({@code 0}: any free port) to {@code targetHost:targetPort}. */
    public static TcpProxy to(int port, String targetHost, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
            return new TcpProxy(server, targetHost, targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    /** The port the client connects to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Severs every connection it carries and refuses new ones until {@link #heal()}. */
    public void cut() {
        cut = true;
        for (Socket s : open) {
            if (open.remove(s)) {
                severed.incrementAndGet();
                quietly(s);
            }
        }
    }

    /** Connections are carried again (the client reconnects; what was severed stays severed). */
    public void heal() {
        cut = false;
    }

    public boolean isCut() {
        return cut;
    }

    /** Client connections accepted and carried to the server so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Client connections closed at once because the proxy was cut. */
    public int refused() {
        return refused.get();
    }

    /** Carried connections (client and server side counted apart) that {@link #cut()} closed. */
    public int severed() {
        return severed.get();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (cut) {
                refused.incrementAndGet();
                quietly(client);
                continue;
            }
            Socket upstream;
            try {
                upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
            } catch (IOException e) {
                quietly(client);
                continue;
            }
            accepted.incrementAndGet();
            open.add(client);
            open.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0 && !cut; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed, or the proxy was cut
            } finally {
                open.remove(from);
                open.remove(to);
                quietly(from);
                quietly(to);
            }
        }, "tcp-proxy-pump-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private static void quietly(Socket s) {
        try {
            s.setSoLinger(true, 0);        // a reset, as a partition's end looks to the peer that tries again
        } catch (IOException ignored) {
            // closed already
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // closed already
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // going away
        }
        cut();
    }
}
