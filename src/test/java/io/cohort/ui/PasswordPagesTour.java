package io.cohort.ui;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.cohort.testing.Mailbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks a signed-out browser through the forgot-password pages as a user would: the form,
 * the "sent" answer, the mailed link's form (the link read from the in-JVM SMTP server)
 * and the page of a link that does not work. Each page is handed to the caller's check
 * once shown. Asks for one link, so it stays within the per-account limit.
 */
final class PasswordPagesTour {

	private static final Pattern LINK = Pattern
		.compile("http://localhost:\\d+(/password/reset\\?token=[A-Za-z0-9_-]+)");

	private PasswordPagesTour() {
	}

	static void walk(Page page, String tenant, String email, Consumer<String> check) {
		int mails = Mailbox.to(email).size();
		page.navigate("/password/forgot");
		check.accept("/password/forgot");
		page.getByLabel("Organisation").fill(tenant);
		page.getByLabel("Email").fill(email);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send me a link")).click();
		page.waitForURL(url -> url.endsWith("/password/forgot?sent"));
		check.accept("/password/forgot?sent");

		Matcher link = LINK.matcher(Mailbox.awaitMail(email, mails + 1).body());
		assertThat(link.find()).as("the mail holds the reset link").isTrue();
		assertThat(page.navigate(link.group(1)).status()).isEqualTo(200);
		check.accept("/password/reset?token=…");

		assertThat(page.navigate("/password/reset?token=not-a-token").status()).isEqualTo(400);
		check.accept("/password/reset (a dead link)");
	}

}
