package io.cohort.system;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The deployment under {@code deploy/} (compose, Kubernetes, nginx), which cannot run
 * here: parsed and held against the configuration table (docs/configuration.md), the
 * application's probes and its request limits.
 */
class DeploymentManifestsTests {

	private static final Path NGINX = Path.of("/usr/sbin/nginx");

	@TempDir
	Path temp;

	@Test
	void composeGivesBothInstancesDocumentedVariablesAndTheRequiredSecrets() {
		Map<String, Object> services = map(compose().get("services"));
		List<String> instances = services.keySet().stream().filter(name -> name.startsWith("cohort-")).toList();
		assertThat(instances).hasSizeGreaterThanOrEqualTo(2);
		for (String name : instances) {
			Map<String, Object> service = map(services.get(name));
			assertThat(String.valueOf(service.get("image"))).contains("cohort:");
			Map<String, Object> environment = map(service.get("environment"));
			assertThat(environment.keySet()).as(name).isSubsetOf(DeploymentFacts.documentedVariables());
			for (String required : DeploymentFacts.REQUIRED) {
				assertThat(String.valueOf(environment.get(required))).as(name + " " + required).isNotBlank();
			}
			assertThat(String.valueOf(map(service.get("healthcheck")).get("test"))).contains("/readiness");
		}
		assertThat(services).containsKeys("postgres", "nginx");
	}

	@Test
	void composeRunsKafkaAsOneKraftNodeWithoutZooKeeper() {
		Map<String, Object> services = map(compose().get("services"));
		Map<String, Object> kafka = map(services.get("kafka"));
		Map<String, Object> environment = map(kafka.get("environment"));

		assertThat(String.valueOf(kafka.get("image"))).startsWith("apache/kafka:");
		assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093")
			.containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
		assertThat(services.keySet()).noneMatch(name -> name.contains("zookeeper"));
		assertThat(map(compose().get("volumes"))).containsKey("kafka");
		assertThat(String.valueOf(map(kafka.get("healthcheck")).get("test"))).contains("--bootstrap-server");
	}

	@Test
	void composeTrustsForwardedHeadersFromNginxAlone() {
		Map<String, Object> services = map(compose().get("services"));
		Map<String, Object> nginxNetworks = map(map(services.get("nginx")).get("networks"));
		String nginxAddress = String.valueOf(map(nginxNetworks.get("cohort")).get("ipv4_address"));
		for (String name : List.of("cohort-1", "cohort-2")) {
			assertThat(map(map(services.get(name)).get("environment")).get("COHORT_TRUSTED_PROXIES"))
				.isEqualTo(nginxAddress + "/32");
		}
	}

	@Test
	void kubernetesHasTheDeploymentItsProbesBudgetServiceAndMigrationJob() {
		Map<String, Map<String, Object>> byKind = new HashMap<>();
		kubernetes().forEach(document -> byKind.put(String.valueOf(document.get("kind")), document));
		assertThat(byKind).containsKeys("Deployment", "Service", "PodDisruptionBudget", "Job");

		Set<String> served = servedPaths();
		Map<String, Object> cohort = containers(byKind.get("Deployment")).stream()
			.filter(container -> container.get("name").equals("cohort"))
			.findFirst()
			.orElseThrow();
		String liveness = probePath(cohort, "livenessProbe");
		String readiness = probePath(cohort, "readinessProbe");
		assertThat(liveness).isEqualTo("/healthz");
		assertThat(readiness).isEqualTo("/readiness");
		assertThat(served).contains(liveness, readiness, probePath(cohort, "startupProbe"));
	}

	@Test
	void everyKubernetesContainerSetsOnlyDocumentedVariablesAndCohortGetsTheRequiredSecrets() {
		Set<String> documented = DeploymentFacts.documentedVariables();
		int cohortContainers = 0;
		for (Map<String, Object> document : kubernetes()) {
			for (Map<String, Object> container : containers(document)) {
				Map<String, Map<String, Object>> env = new HashMap<>();
				for (Object entry : list(container.get("env"))) {
					env.put(String.valueOf(map(entry).get("name")), map(entry));
				}
				assertThat(env.keySet()).as(String.valueOf(container.get("name"))).isSubsetOf(documented);
				env.forEach((name, entry) -> {
					Map<String, Object> secret = map(map(entry.get("valueFrom")).get("secretKeyRef"));
					assertThat(secret.get("key")).as(name).isEqualTo(name);
				});
				if (container.get("name").equals("cohort")) {
					cohortContainers++;
					for (String required : DeploymentFacts.REQUIRED) {
						Map<String, Object> secret = map(map(env.get(required).get("valueFrom")).get("secretKeyRef"));
						assertThat(secret.get("optional")).as(required).isNotEqualTo(true);
					}
				}
			}
		}
		assertThat(cohortContainers).isEqualTo(1);
	}

	@Test
	void kubernetesRunsAsTheImagesUserAndMigratesWithTheFlywayOfTheApplication() throws Exception {
		String[] user = ImageDefinitionTests.imageUser().split(":");
		for (Map<String, Object> document : kubernetes()) {
			if (document.get("kind").equals("Deployment") || document.get("kind").equals("Job")) {
				Map<String, Object> context = map(map(pod(document)).get("securityContext"));
				assertThat(context.get("runAsNonRoot")).isEqualTo(true);
				assertThat(String.valueOf(context.get("runAsUser"))).isEqualTo(user[0]);
			}
		}
		Map<String, Object> job = kubernetes().stream()
			.filter(d -> d.get("kind").equals("Job"))
			.findFirst()
			.orElseThrow();
		String flywayImage = containers(job).stream()
			.map(container -> String.valueOf(container.get("image")))
			.filter(image -> image.startsWith("flyway/flyway:"))
			.findFirst()
			.orElseThrow();
		String version = new String(
				Flyway.class.getResourceAsStream("/org/flywaydb/core/internal/version.txt").readAllBytes())
			.trim();
		assertThat(flywayImage).isEqualTo("flyway/flyway:" + version);
		assertThat(Path.of("src/main/resources/db/migration/afterMigrate.sql")).exists();
	}

	@Test
	void nginxAllowsTheApplicationsOwnRequestLimitsAndForwardsTheClient() throws Exception {
		String conf = DeploymentFacts.read(DeploymentFacts.DEPLOY.resolve("nginx.conf"));
		Constructor<?> filter = RequestSizeLimitFilter.class.getDeclaredConstructors()[0];
		DataSize json = defaultOf(filter.getParameters()[0].getAnnotation(Value.class).value());
		DataSize webhook = defaultOf(filter.getParameters()[1].getAnnotation(Value.class).value());
		Map<String, Object> application = new Yaml()
			.load(DeploymentFacts.read(Path.of("src/main/resources/application.yml")));
		DataSize multipart = DataSize.parse(String
			.valueOf(map(map(map(application.get("spring")).get("servlet")).get("multipart")).get("max-request-size")));
		DataSize headers = DataSize
			.parse(String.valueOf(map(application.get("server")).get("max-http-request-header-size")));

		assertThat(bodyLimit(conf, "listen 443 ssl")).isEqualTo(json);
		assertThat(bodyLimit(conf, "location /v1/sync/")).isEqualTo(webhook);
		assertThat(bodyLimit(conf, "location ~ ^/(api/v1/learners/import")).isEqualTo(multipart);
		assertThat(conf).contains("api/v1/runs/[^/]+/enrollments/import", "imports/learners", "imports/enrollments");
		Matcher buffers = Pattern.compile("large_client_header_buffers \\d+ (\\d+)k;").matcher(conf);
		assertThat(buffers.find()).isTrue();
		assertThat(DataSize.ofKilobytes(Long.parseLong(buffers.group(1)))).isGreaterThanOrEqualTo(headers);

		assertThat(conf).contains("proxy_set_header X-Forwarded-For $remote_addr;",
				"proxy_set_header X-Forwarded-Proto $scheme;");
		// the web UI's login lives in the database: no instance is sticky
		assertThat(map(map(application.get("spring")).get("session"))).isNotEmpty();
		assertThat(conf).doesNotContain("ip_hash", "sticky ", "hash $cookie");
		Set<String> upstreams = new TreeSet<>();
		Matcher server = Pattern.compile("server (cohort-\\d+):8080").matcher(conf);
		while (server.find()) {
			upstreams.add(server.group(1));
		}
		assertThat(upstreams).isEqualTo(new TreeSet<>(
				map(compose().get("services")).keySet().stream().filter(n -> n.startsWith("cohort-")).toList()));
	}

	@Test
	void nginxAcceptsTheConfiguration() throws Exception {
		assumeTrue(Files.isExecutable(NGINX), "nginx is not installed");
		assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
		Path tls = Files.createDirectories(temp.resolve("tls"));
		run("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=cohort",
				"-keyout", tls.resolve("privkey.pem").toString(), "-out", tls.resolve("fullchain.pem").toString());
		// the upstreams' names resolve only inside compose's network
		String conf = DeploymentFacts.read(DeploymentFacts.DEPLOY.resolve("nginx.conf"))
			.replace("/etc/nginx/tls", tls.toString())
			.replace("cohort-1:8080", "127.0.0.1:18081")
			.replace("cohort-2:8080", "127.0.0.1:18082");
		Path file = Files.writeString(temp.resolve("nginx.conf"), conf);
		Process nginx = run(NGINX.toString(), "-t", "-c", file.toString(), "-p", temp.toString(), "-g",
				"pid " + temp.resolve("nginx.pid") + "; error_log stderr;");
		assertThat(nginx.exitValue()).as(new String(nginx.getInputStream().readAllBytes())).isZero();
	}

	private static Process run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.PIPE)
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + new String(output)).isZero();
		return process;
	}

	private static DataSize bodyLimit(String conf, String block) {
		int start = conf.indexOf(block);
		assertThat(start).as(block).isNotNegative();
		Matcher matcher = Pattern.compile("client_max_body_size (\\d+)m;").matcher(conf);
		assertThat(matcher.find(start)).as(block).isTrue();
		return DataSize.ofMegabytes(Long.parseLong(matcher.group(1)));
	}

	private static DataSize defaultOf(String placeholder) {
		return DataSize.parse(placeholder.substring(placeholder.indexOf(':') + 1, placeholder.length() - 1));
	}

	private static Set<String> servedPaths() {
		Set<String> paths = new HashSet<>();
		for (Method method : HealthController.class.getDeclaredMethods()) {
			GetMapping mapping = method.getAnnotation(GetMapping.class);
			if (mapping != null) {
				paths.addAll(Arrays.asList(mapping.value()));
			}
		}
		return paths;
	}

	private static String probePath(Map<String, Object> container, String probe) {
		return String.valueOf(map(map(container.get(probe)).get("httpGet")).get("path"));
	}

	private static Map<String, Object> compose() {
		return new Yaml().load(DeploymentFacts.read(DeploymentFacts.DEPLOY.resolve("compose.yaml")));
	}

	private static List<Map<String, Object>> kubernetes() {
		List<Map<String, Object>> documents = new ArrayList<>();
		File[] files = DeploymentFacts.DEPLOY.resolve("k8s").toFile().listFiles((dir, name) -> name.endsWith(".yaml"));
		assertThat(files).isNotEmpty();
		for (File file : files) {
			for (Object document : new Yaml().loadAll(DeploymentFacts.read(file.toPath()))) {
				if (map(document).containsKey("kind")) {
					documents.add(map(document));
				}
			}
		}
		return documents;
	}

	private static Object pod(Map<String, Object> workload) {
		return map(map(map(workload.get("spec")).get("template")).get("spec"));
	}

	private static List<Map<String, Object>> containers(Map<String, Object> document) {
		if (!map(document.get("spec")).containsKey("template")) {
			return List.of();
		}
		Map<String, Object> pod = map(pod(document));
		return Stream.concat(list(pod.get("initContainers")).stream(), list(pod.get("containers")).stream())
			.map(DeploymentManifestsTests::map)
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return value == null ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return value == null ? List.of() : (List<Object>) value;
	}

}
