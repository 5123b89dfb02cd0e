package io.cohort.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One GreenMail SMTP server for the test JVM, on a free port, which the shared context's
 * {@code spring.mail.*} points at: the mail the application sends, as received.
 */
public final class Mailbox {

	public static final String HOST = "127.0.0.1";

	public static final int PORT = freePort();

	private static final GreenMail SERVER = start();

	private Mailbox() {
	}

	/** A received mail: its recipient, subject and whole body (every part, as sent). */
	public record Mail(List<String> to, String subject, String body) {
	}

	/** The mail received so far for {@code address}. */
	public static List<Mail> to(String address) {
		return Arrays.stream(SERVER.getReceivedMessages())
			.map(Mailbox::mail)
			.filter(mail -> mail.to().contains(address))
			.toList();
	}

	/**
	 * Waits (polling, at most 30 seconds) until {@code address} has received
	 * {@code count} mails, and answers the last: for mail sent off the request's thread.
	 */
	public static Mail awaitMail(String address, int count) {
		return org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> to(address), mails -> mails.size() >= count)
			.get(count - 1);
	}

	private static Mail mail(MimeMessage message) {
		try {
			Address[] recipients = message.getAllRecipients();
			return new Mail(recipients == null ? List.of() : Arrays.stream(recipients).map(Address::toString).toList(),
					message.getSubject(), GreenMailUtil.getBody(message));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static GreenMail start() {
		GreenMail server = new GreenMail(new ServerSetup(PORT, HOST, ServerSetup.PROTOCOL_SMTP));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
