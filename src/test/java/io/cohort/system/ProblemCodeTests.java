package io.cohort.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem codes are one typed list (GH-10): each code is kebab case and named like
 * its constant, no two differ only by a plural, and every one is named by at least one
 * test (as the string a problem carries or as the constant), so none is left unproven.
 */
class ProblemCodeTests {

	@Test
	void eachCodeIsKebabCaseAndNamedLikeItsConstant() {
		assertThat(ProblemCode.values()).allSatisfy(code -> {
			assertThat(code.code()).matches("[a-z0-9]+(-[a-z0-9]+)*");
			assertThat(code.name()).isEqualTo(code.code().toUpperCase(Locale.ROOT).replace('-', '_'));
		});
	}

	@Test
	void noTwoCodesDifferOnlyByAPlural() {
		Map<String, List<ProblemCode>> byStem = Arrays.stream(ProblemCode.values())
			.collect(Collectors.groupingBy(code -> Arrays.stream(code.code().split("-"))
				.map(word -> word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word)
				.collect(Collectors.joining("-"))));

		assertThat(byStem.values()).allSatisfy(codes -> assertThat(codes).hasSize(1));
	}

	@Test
	void everyCodeIsNamedByATest() throws IOException {
		String tests;
		try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
			tests = files.filter(path -> path.toString().endsWith(".java"))
				.filter(path -> !path.getFileName().toString().equals("ProblemCodeTests.java"))
				.map(ProblemCodeTests::read)
				.collect(Collectors.joining("\n"));
		}
		Function<ProblemCode, Boolean> named = code -> tests.contains('"' + code.code() + '"')
				|| tests.contains("ProblemCode." + code.name());

		assertThat(ProblemCode.values()).filteredOn(code -> !named.apply(code)).isEmpty();
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
