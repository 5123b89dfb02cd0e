package io.cohort.notification;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendering: values as they are in the subject and text, escaped in the HTML — a hostile
 * learner name never reaches the HTML raw, from the default or a tenant's own template.
 */
class TemplatesTests {

	private static final String HOSTILE = "<script>alert('x')</script> & \"Tan\"";

	@Test
	void escapesAHostileNameInTheDefaultHtml() {
		Message message = Templates.render(NotificationKind.ABSENCE_RECORDED,
				Map.of("name", HOSTILE, "course", "C", "run", "R", "date", "2027-01-12"));

		assertThat(message.text()).contains(HOSTILE);
		assertThat(message.html()).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Tan&quot;");
	}

	@Test
	void escapesValuesButKeepsTheTenantsOwnHtml() {
		Message message = Templates.render(new NotificationTemplate(NotificationKind.CERTIFICATE_ISSUED,
				"Well done {name}\nreally", "Dear {name}", "<h1>Well done</h1><p>{name}: {number}</p>", true),
				Map.of("name", HOSTILE, "number", "N-1"));

		assertThat(message.subject()).isEqualTo("Well done " + HOSTILE + " really");
		assertThat(message.html()).startsWith("<h1>Well done</h1><p>&lt;script&gt;").endsWith(": N-1</p>");
	}

}
