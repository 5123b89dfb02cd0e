package io.cohort.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The default SMS sender: it only logs that a message would go to a number (never its
 * text), until a provider is wired in by implementing {@link NotificationChannel} for
 * {@link Channel#SMS}.
 */
@Component
class SmsChannel implements NotificationChannel {

	private static final Logger log = LoggerFactory.getLogger(SmsChannel.class);

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public void send(Outgoing message) {
		String recipient = message.recipient();
		log.info("SMS notification '{}' to a number ending {} (no SMS provider: logged only)", message.subject(),
				recipient.length() > 3 ? recipient.substring(recipient.length() - 3) : "***");
	}

}
