package io.cohort.notification;

import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email through Spring Boot's {@code spring.mail.*} settings ({@code SPRING_MAIL_HOST},
 * {@code SPRING_MAIL_PORT}, …); without a host there is no mail sender, email is off and
 * says so once at startup.
 */
@Component
class EmailChannel implements NotificationChannel {

	private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

	private final @Nullable JavaMailSender mail;

	private final String defaultSender;

	EmailChannel(ObjectProvider<JavaMailSender> mail,
			@Value("${cohort.notifications.sender:no-reply@cohort.invalid}") String defaultSender) {
		this.mail = mail.getIfAvailable();
		this.defaultSender = defaultSender;
		if (this.mail == null) {
			log.warn("Email notifications are off: set SPRING_MAIL_HOST (and SPRING_MAIL_PORT, …) to send them");
		}
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	@Override
	public boolean enabled() {
		return mail != null;
	}

	@Override
	public String offReason() {
		return "email is off: SPRING_MAIL_HOST is not set";
	}

	@Override
	public void send(Outgoing outgoing) throws Exception {
		JavaMailSender sender0 = mail;
		if (sender0 == null) {
			throw new IllegalStateException("email is off: SPRING_MAIL_HOST is not set");
		}
		MimeMessage message = sender0.createMimeMessage();
		String html = outgoing.html();
		String sender = outgoing.sender();
		MimeMessageHelper helper = new MimeMessageHelper(message, html != null, "UTF-8");
		helper.setFrom(sender == null || sender.isBlank() ? defaultSender : sender);
		helper.setTo(outgoing.recipient());
		helper.setSubject(outgoing.subject());
		if (html != null) {
			helper.setText(outgoing.text(), html);
		}
		else {
			helper.setText(outgoing.text());
		}
		sender0.send(message);
	}

}
