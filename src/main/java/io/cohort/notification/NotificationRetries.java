package io.cohort.notification;

import java.time.Duration;

import io.cohort.system.ClusterLock;
import io.cohort.system.PeriodicPass;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends the due messages (retries, and those held over the quiet hours) every
 * {@code cohort.notifications.retry-interval} (1 minute by default; 0 switches it off).
 */
@Component
class NotificationRetries extends PeriodicPass {

	private final Notifier notifier;

	NotificationRetries(Notifier notifier, @Value("${cohort.notifications.retry-interval:1m}") Duration interval,
			ClusterLock lock) {
		super("notification-retries", interval, Duration.ofSeconds(30), lock);
		this.notifier = notifier;
	}

	@Override
	protected void scheduledPass() {
		notifier.sendDue();
	}

}
