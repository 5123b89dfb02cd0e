package io.cohort.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Forwards a fixed local port to another: lets an application be told a broker's address
 * before the broker exists (the embedded KRaft broker takes a random port). Clients only
 * bootstrap through it; the broker's metadata sends them to its own port afterwards.
 */
final class PortForwarder implements AutoCloseable {

	private final ServerSocket server;

	private PortForwarder(ServerSocket server) {
		this.server = server;
	}

	static PortForwarder start(int port, int targetPort) {
		try {
			ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
			PortForwarder forwarder = new PortForwarder(server);
			daemon(() -> forwarder.accept(targetPort));
			return forwarder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(int targetPort) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection dropped
			}
		}
	}

	private static void pipe(Socket from, Socket to) {
		daemon(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// either side went away
			}
			finally {
				close(from);
				close(to);
			}
		});
	}

	private static void daemon(Runnable task) {
		Thread thread = new Thread(task, "port-forwarder");
		thread.setDaemon(true);
		thread.start();
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
	}

}
