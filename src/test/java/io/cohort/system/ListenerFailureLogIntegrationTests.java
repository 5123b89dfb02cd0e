package io.cohort.system;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import io.cohort.enrolment.EnrolmentWithdrawn;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A durable listener that fails is logged once, at WARN with its stack trace, not once by
 * Spring Modulith and again by Spring's default handler of async failures (GH-11).
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerFailureLogIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aFailingListenersExceptionIsLoggedOnceAtWarn(CapturedOutput output) { // GH-11
		TestTenant tenant = api.newTenant();
		UUID learner = new Training(tenant).learner(null).id();
		UUID missingRun = UUID.randomUUID();
		// the notification listener fails: the learner's run does not exist
		transactions.executeWithoutResult(status -> events
			.publishEvent(new EnrolmentWithdrawn(tenant.id(), UUID.randomUUID(), missingRun, learner, true)));

		// the exception, with its stack trace when it has one, is the last thing logged
		// about the failure, whoever logs it
		String thrown = CohortException.class.getName() + ": No class run with id " + missingRun;
		await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains(thrown));
		String all = output.getAll();
		assertThat(count(all, missingRun.toString())).as("the failure's message, in:%n%s", all).isEqualTo(1);
		assertThat(all)
			.containsPattern("WARN .*Listener NotificationTriggers\\.on failed.*\\R+" + Pattern.quote(thrown))
			.doesNotContain("SimpleAsyncUncaughtExceptionHandler")
			.doesNotContain("Leaving event publication uncompleted");
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
