package io.cohort.identity;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Mails a password reset link through Spring Boot's mail sender ({@code SPRING_MAIL_*}),
 * once the request's transaction has committed and off the request's thread, so that the
 * answer takes as long whether or not the account exists. The link is in the mail only:
 * it is never logged, and a failed send is logged without it.
 */
@Component
class PasswordResetMail {

	private static final Logger log = LoggerFactory.getLogger(PasswordResetMail.class);

	private final @Nullable JavaMailSender mail;

	private final TaskExecutor executor;

	private final String sender;

	PasswordResetMail(ObjectProvider<JavaMailSender> mail, @Qualifier("applicationTaskExecutor") TaskExecutor executor,
			@Value("${cohort.notifications.sender:no-reply@cohort.invalid}") String sender) {
		this.mail = mail.getIfAvailable();
		this.executor = executor;
		this.sender = sender;
	}

	/** Whether mail can be sent at all (a mail host is configured). */
	boolean enabled() {
		return mail != null;
	}

	/** Sends the link after the current transaction commits (at once without one). */
	void sendAfterCommit(String recipient, String organisation, String link, Duration validFor) {
		Runnable send = () -> executor.execute(() -> send(recipient, organisation, link, validFor));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					send.run();
				}
			});
		}
		else {
			send.run();
		}
	}

	private void send(String recipient, String organisation, String link, Duration validFor) {
		JavaMailSender sender0 = mail;
		if (sender0 == null) {
			return;
		}
		try {
			MimeMessage message = sender0.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
			helper.setFrom(sender);
			helper.setTo(recipient);
			helper.setSubject("Reset your Cohort password");
			helper.setText("""
					Someone (we hope you) asked to reset the password of your Cohort account at %s.

					Choose a new password here, within %d minutes; the link works once:

					%s

					If you did not ask, ignore this mail: your password stays as it is.
					""".formatted(organisation, validFor.toMinutes(), link));
			sender0.send(message);
		}
		catch (MailException | jakarta.mail.MessagingException ex) {
			// the failure's message names the server and the reason, never the mail's
			// text
			log.warn("A password reset mail could not be sent: {}", ex.getMessage());
		}
	}

}
