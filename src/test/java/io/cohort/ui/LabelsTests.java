package io.cohort.ui;

import io.cohort.catalog.CourseStatus;
import io.cohort.identity.Role;
import io.cohort.jobs.JobStatus;
import io.cohort.notification.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pages show enum values as words (GH-14). */
class LabelsTests {

	private final Labels labels = new Labels();

	@Test
	void anEnumConstantIsShownInSentenceCase() {
		assertThat(this.labels.of(CourseStatus.PUBLISHED)).isEqualTo("Published");
		assertThat(this.labels.of(JobStatus.CANCELLED)).isEqualTo("Cancelled");
	}

	@Test
	void underscoresBecomeSpacesAndOnlyTheFirstWordIsCapitalised() {
		assertThat(this.labels.of("MISSING_REMOTELY")).isEqualTo("Missing remotely");
		assertThat(this.labels.of("AT_RISK")).isEqualTo("At risk");
	}

	@Test
	void abbreviationsAndRenamedValuesHaveTheirOwnWords() {
		assertThat(this.labels.of(Role.OPS)).isEqualTo("Operations");
		assertThat(this.labels.of(Role.PLATFORM_ADMIN)).isEqualTo("Platform admin");
		assertThat(this.labels.of(Role.TRAINER)).isEqualTo("Trainer");
		assertThat(this.labels.of(Channel.SMS)).isEqualTo("SMS");
		assertThat(this.labels.of(Channel.IN_APP)).isEqualTo("In-app");
	}

	@Test
	void anAbsentOrEmptyValueHasAnEmptyLabel() {
		assertThat(this.labels.of(null)).isEmpty();
		assertThat(this.labels.of("")).isEmpty();
	}

}
