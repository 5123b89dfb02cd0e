package io.cohort.ui;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * axe-core, the accessibility engine, as installed from npm ({@code .ci/run} puts it in
 * {@code node_modules/}; another copy may be named with {@code -Dcohort.axe-core=PATH}),
 * for Playwright to inject into pages.
 */
final class AxeCore {

	/**
	 * Runs axe on the document and returns each violation as one line: rule, impact,
	 * help, and the first few offending elements.
	 */
	static final String RUN = """
			async () => {
				const result = await axe.run(document, { resultTypes: ['violations'] });
				return result.violations.map(v => v.id + ' [' + v.impact + '] ' + v.help + ': '
					+ v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + n.failureSummary.replace(/\\s+/g, ' ') + ')').join('; ')
					+ (v.nodes.length > 3 ? '; and ' + (v.nodes.length - 3) + ' more' : ''));
			}
			""";

	private AxeCore() {
	}

	/** Where axe.min.js is; fails with what to run when it is not there. */
	static Path script() {
		Path path = Path.of(System.getProperty("cohort.axe-core", "node_modules/axe-core/axe.min.js"));
		if (!Files.isRegularFile(path)) {
			throw new IllegalStateException("axe-core is not installed at " + path.toAbsolutePath()
					+ ": run `npm install --prefix . --no-save --no-package-lock axe-core@4.14.1` in the project (as"
					+ " .ci/run does), or name a copy of axe.min.js with -Dcohort.axe-core=PATH");
		}
		return path;
	}

}
