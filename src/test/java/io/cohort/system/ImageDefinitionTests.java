package io.cohort.system;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib image profile in the pom, which cannot be built here (no registry, no container
 * engine), read and held against the application and the configuration table
 * (docs/configuration.md).
 */
class ImageDefinitionTests {

	private static Document pom;

	private static Element jib;

	@BeforeAll
	static void readPom() throws Exception {
		pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
		for (Element profile : children(pom.getDocumentElement(), "profiles", "profile")) {
			if (text(profile, "id").equals("image")) {
				for (Element plugin : children(profile, "build", "plugins", "plugin")) {
					if (text(plugin, "artifactId").equals("jib-maven-plugin")) {
						jib = plugin;
					}
				}
			}
		}
	}

	@Test
	void buildsTheImageOnlyInTheImageProfile() {
		assertThat(jib).as("jib-maven-plugin in the profile 'image'").isNotNull();
		assertThat(text(jib, "version")).isEqualTo("3.5.2");
		List<String> defaultPlugins = children(pom.getDocumentElement(), "build", "plugins", "plugin").stream()
			.map(plugin -> text(plugin, "artifactId"))
			.toList();
		assertThat(defaultPlugins).isNotEmpty().doesNotContain("jib-maven-plugin");
	}

	@Test
	void startsTheApplicationOnTemurin17AsANonRootUser() throws Exception {
		Element configuration = only(jib, "configuration");
		assertThat(text(only(configuration, "from"), "image")).isEqualTo("eclipse-temurin:17-jre");
		Element container = only(configuration, "container");
		String user = text(container, "user");
		assertThat(user).isNotBlank().doesNotStartWith("root").doesNotStartWith("0:").isNotEqualTo("0");
		assertThat(Integer.parseInt(user.split(":")[0])).isPositive();

		Class<?> main = Class.forName(text(container, "mainClass"));
		assertThat(main).hasAnnotation(SpringBootApplication.class);
		Method method = main.getMethod("main", String[].class);
		assertThat(Modifier.isStatic(method.getModifiers())).isTrue();

		List<String> flags = children(container, "jvmFlags", "jvmFlag").stream().map(Node::getTextContent).toList();
		assertThat(flags).anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
		assertThat(flags).noneMatch(flag -> flag.startsWith("-Xmx"));
	}

	@Test
	void exposesTheDocumentedPortAndSetsOnlyDocumentedVariables() {
		Element container = only(only(jib, "configuration"), "container");
		String port = DeploymentFacts.documentedDefault("SERVER_PORT");
		assertThat(children(container, "ports", "port")).extracting(Node::getTextContent).containsExactly(port);

		List<Element> environment = new ArrayList<>();
		NodeList nodes = only(container, "environment").getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element variable) {
				environment.add(variable);
			}
		}
		assertThat(environment).extracting(Element::getTagName)
			.isSubsetOf(DeploymentFacts.documentedVariables())
			.contains("SERVER_PORT");
		assertThat(environment).filteredOn(variable -> variable.getTagName().equals("SERVER_PORT"))
			.extracting(Node::getTextContent)
			.containsExactly(port);
	}

	/** The user Kubernetes runs the image as must be the image's own. */
	static String imageUser() throws Exception {
		readPom();
		return text(only(only(jib, "configuration"), "container"), "user");
	}

	private static List<Element> children(Element parent, String... path) {
		List<Element> current = List.of(parent);
		for (String name : path) {
			List<Element> next = new ArrayList<>();
			for (Element element : current) {
				NodeList nodes = element.getChildNodes();
				for (int i = 0; i < nodes.getLength(); i++) {
					if (nodes.item(i) instanceof Element child && child.getTagName().equals(name)) {
						next.add(child);
					}
				}
			}
			current = next;
		}
		return current;
	}

	private static Element only(Element parent, String name) {
		List<Element> found = children(parent, name);
		assertThat(found).as(name).hasSize(1);
		return found.get(0);
	}

	private static String text(Element parent, String name) {
		List<Element> found = children(parent, name);
		return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
	}

}
