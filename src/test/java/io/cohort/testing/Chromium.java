package io.cohort.testing;

import java.nio.file.Paths;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Debian's Chromium for browser tests, headless, with the flags this closed network needs
 * (no background connections, no component updates, no QUIC). A test class says
 * {@code @ExtendWith(Chromium.class)} and takes a {@link Browser} parameter: Chromium is
 * launched once per test JVM, on first use, and closed after the last test, as launching
 * it is the slow part. Each test still opens its own {@code BrowserContext}, so no cookie
 * or session passes from one test to the next. One browser for the JVM holds because the
 * tests run one at a time: Playwright is not thread-safe.
 */
public final class Chromium implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Chromium.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
		return parameter.getParameter().getType() == Browser.class;
	}

	@Override
	public Browser resolveParameter(ParameterContext parameter, ExtensionContext extension) {
		return extension.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Launched.class, key -> new Launched(), Launched.class).browser;
	}

	/**
	 * Signs in on the login page and waits until the browser has left it (a refused login
	 * stays there).
	 */
	public static void signIn(Page page, String organisation, String email, String password) {
		page.navigate("/login");
		page.getByLabel("Organisation").fill(organisation);
		page.getByLabel("Email").fill(email);
		page.getByLabel("Password").fill(password);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
		page.waitForURL(url -> !url.contains("/login"));
	}

	/**
	 * The address of the first link in the main part of the page last shown whose address
	 * has the shape of {@code pattern}, where {@code *} stands for an id: for pages whose
	 * address holds an id that only the page before it knows.
	 */
	public static String firstLinkLike(Page page, String pattern) {
		String regex = "^" + pattern.replace("*", "[0-9a-f-]{36}") + "$";
		Object hrefs = page.locator("main a[href]").evaluateAll("links => links.map(a => a.getAttribute('href'))");
		return (hrefs instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.<String>of())
			.stream()
			.filter(href -> href.matches(regex))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no link like " + pattern + " on " + page.url()));
	}

	/**
	 * The test JVM's Playwright driver and the Chromium it launched, kept in JUnit's root
	 * store, which closes them after the last test.
	 */
	private static final class Launched implements AutoCloseable {

		private final Playwright playwright;

		private final Browser browser;

		Launched() {
			playwright = Playwright.create();
			try {
				browser = playwright.chromium()
					.launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get("/usr/bin/chromium"))
						.setHeadless(true)
						.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
								"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
			}
			catch (RuntimeException ex) {
				playwright.close();
				throw ex;
			}
		}

		@Override
		public void close() {
			browser.close();
			playwright.close();
		}

	}

}
