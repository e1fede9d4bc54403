package io.blindspot.launcher.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks free TCP ports on 127.0.0.1 so several stacks (a demo, a test run) can coexist on one machine. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A port the kernel had free a moment ago. There is a short window in which another process could take it;
     * that is accepted because every server here needs its port as configuration before it binds.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
