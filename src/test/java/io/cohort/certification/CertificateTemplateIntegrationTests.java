package io.cohort.certification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.lowagie.text.pdf.LayoutProcessor;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import io.cohort.testing.ApiIntegrationTest;
import io.cohort.testing.Images;
import io.cohort.testing.Pdfs;
import io.cohort.testing.TestTenant;
import io.cohort.testing.Training;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate template over the API (GH-14): wording with length and plain-text
 * rules, images verified by decoding (never by name or declared type) and size-limited, a
 * refused change changes nothing, every change is an audited new version, the PDF renders
 * the template, and an issued certificate keeps the version it was issued with while a
 * reissue takes the current one (ADR 0032).
 */
class CertificateTemplateIntegrationTests extends ApiIntegrationTest {

	private static final String TEMPLATE = "/api/v1/certification/template";

	@LocalServerPort
	int port;

	TestTenant tenant;

	@BeforeEach
	void aTenant() {
		tenant = api.newTenant();
	}

	@Test
	void theBuiltInTemplateIsVersionZeroAndAWordingChangeIsAnAuditedVersion() {
		JsonNode builtIn = api.get(TEMPLATE).bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(builtIn.get("version").asInt()).isZero();
		assertThat(builtIn.get("title").asString()).isEqualTo("Certificate of Completion");
		assertThat(builtIn.get("statement").asString()).isEqualTo("has completed the course");

		JsonNode saved = putWording("  Certificate of Achievement ", "has achieved every module of", "Dr Tan Wei Ming",
				"Director of Training")
			.expect(200)
			.json();

		assertThat(saved.get("version").asInt()).isEqualTo(1);
		assertThat(saved.get("title").asString()).isEqualTo("Certificate of Achievement");
		assertThat(saved.get("signatory_name").asString()).isEqualTo("Dr Tan Wei Ming");
		assertThat(saved.get("updated_by").asString()).contains(tenant.adminEmail());
		assertThat(api.get(TEMPLATE).bearer(tenant.adminToken()).send().expect(200).json().get("version").asInt())
			.isEqualTo(1);
		assertThat(putWording("Certificate of Achievement", "has achieved every module of", "Dr Tan Wei Ming",
				"Director of Training")
			.expect(200)
			.json()
			.get("version")
			.asInt()).as("a change that changes nothing writes no version").isEqualTo(1);
		assertThat(audits()).isEqualTo(1);
		assertThat(jdbc.sql("""
				SELECT changes FROM audit_event
				WHERE tenant_id = :tenant AND action = 'certification.template.updated'""")
			.param("tenant", tenant.id())
			.query(String.class)
			.single()).contains("Certificate of Completion").contains("Certificate of Achievement");
	}

	@Test
	void wordingAgainstTheRulesIsRefusedFieldByFieldAndChangesNothing() {
		putWording("Certificate of Completion", "has completed", null, null).expect(200);

		JsonNode problem = putWording(" ", "x".repeat(161), "Line one\nline two", null).expectProblem(400,
				"validation-failed");

		assertThat(problem.get("errors").values()).extracting(e -> e.get("field").asString())
			.containsExactlyInAnyOrder("title", "statement", "signatory_name");
		assertThat(version()).isEqualTo(1);
		assertThat(audits()).isEqualTo(1);
	}

	@Test
	void imagesAreVerifiedByTheirContentAndSizeLimited() {
		byte[] logo = Images.png(240, 90);
		JsonNode withLogo = upload("logo", "logo.png", "image/png", logo).expect(200).json();
		assertThat(withLogo.get("version").asInt()).isEqualTo(1);
		assertThat(withLogo.at("/logo/media_type").asString()).isEqualTo("image/png");
		assertThat(withLogo.at("/logo/width").asInt()).isEqualTo(240);
		assertThat(withLogo.at("/logo/size_bytes").asInt()).isEqualTo(logo.length);
		JsonNode withSignature = upload("signature", "signature.bin", "application/octet-stream", Images.jpeg(300, 100))
			.expect(200)
			.json();
		assertThat(withSignature.at("/signature/media_type").asString()).as("read from the content, not the name")
			.isEqualTo("image/jpeg");
		assertThat(withSignature.at("/logo/width").asInt()).as("the logo is kept").isEqualTo(240);
		byte[] downloaded = bytes(TEMPLATE + "/images/logo").body();
		assertThat(downloaded).isEqualTo(logo);

		byte[] truncated = Arrays.copyOf(logo, logo.length / 2);
		JsonNode notAnImage = upload("logo", "logo.png", "image/png",
				"<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8))
			.expectProblem(400, "validation-failed");
		assertThat(notAnImage.at("/errors/0/field").asString()).isEqualTo("logo");
		assertThat(notAnImage.at("/errors/0/message").asString()).contains("not a PNG or JPEG image");
		assertThat(upload("logo", "logo.png", "image/png", truncated).expectProblem(400, "validation-failed")
			.at("/errors/0/message")
			.asString()).contains("not a readable PNG image");
		byte[] oversize = Images.noisePng(600, 400, 14);
		assertThat(oversize.length).isGreaterThan(512 * 1024);
		upload("signature", "big.png", "image/png", oversize).expectProblem(413, "payload-too-large");
		api.request("PUT", TEMPLATE + "/images/watermark")
			.bearer(tenant.adminToken())
			.multipart("file", "logo.png", "image/png", logo)
			.send()
			.expectProblem(404, "not-found");

		assertThat(version()).as("nothing refused wrote a version").isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM certificate_image WHERE tenant_id = :tenant")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single()).isEqualTo(2);
		JsonNode removed = api.delete(TEMPLATE + "/images/logo").bearer(tenant.adminToken()).send().expect(200).json();
		assertThat(removed.get("logo").isNull()).isTrue();
		assertThat(removed.at("/signature/media_type").asString()).isEqualTo("image/jpeg");
		api.get(TEMPLATE + "/images/logo").bearer(tenant.adminToken()).send().expectProblem(404, "not-found");
	}

	@Test
	void aCertificateKeepsItsTemplateAndAReissueTakesTheCurrentOne() throws IOException {
		Training training = new Training(tenant);
		TestTenant.TestUser ops = tenant.addUser("OPS");
		Training.Certified certified = training.certified(training.learner(null).id(), ops.token(),
				tenant.addUser("ASSESSOR").token());
		String pdf = "/api/v1/enrollments/" + certified.enrolment() + "/certificate";
		assertThat(text(pdf)).contains("Certificate of Completion").contains("has completed the course");

		putWording("Certificate of Achievement", "has achieved every module of", "Dr Tan Wei Ming",
				"Director of Training")
			.expect(200);
		upload("logo", "logo.png", "image/png", Images.png(400, 160)).expect(200);
		upload("signature", "signature.jpg", "image/jpeg", Images.jpeg(300, 100)).expect(200);

		assertThat(text(pdf)).as("issued before the change: the template it was issued with")
			.contains("Certificate of Completion")
			.doesNotContain("Certificate of Achievement")
			.doesNotContain("Dr Tan Wei Ming");
		api.post("/api/v1/certificates/" + certified.certificate() + "/reissue")
			.bearer(ops.token())
			.json(Map.of("reason", "New template"))
			.send()
			.expect(201);
		byte[] reissued = bytes(pdf).body();
		assertThat(new PdfReader(reissued).getNumberOfPages()).as("logo and signature fit on one page").isEqualTo(1);
		assertThat(new PdfTextExtractor(new PdfReader(reissued)).getTextFromPage(1))
			.contains("Certificate of Achievement")
			.contains("has achieved every module of")
			.contains("Dr Tan Wei Ming")
			.contains("Director of Training")
			.doesNotContain("Certificate of Completion");

		HttpResponse<byte[]> preview = bytes(TEMPLATE + "/preview");
		assertThat(preview.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(new PdfReader(preview.body()).getNumberOfPages()).isEqualTo(1);
		assertThat(new PdfTextExtractor(new PdfReader(preview.body())).getTextFromPage(1))
			.contains("Certificate of Achievement")
			.contains("Sample Learner Name")
			.contains("Dr Tan Wei Ming");
	}

	@Test // GH-14
	void everyLearnersNamePrintsInThePdfAsDoesTheTemplatesWordingAndTheVerificationPageShowsIt() {
		putWording("结业证书", "பாடநெறியை நிறைவு செய்துள்ளார்", "陳美玲", "Pengarah Latihan · Zoë Łukasz").expect(200);
		Training training = new Training(tenant);
		TestTenant.TestUser ops = tenant.addUser("OPS");
		String assessor = tenant.addUser("ASSESSOR").token();
		for (String name : List.of("陈大文", "முருகன் சுப்பிரமணியம்", "Zoë Ñúñez-Łukasz")) {
			Training.Learner learner = training.learner(null);
			api.patch("/api/v1/learners/" + learner.id())
				.bearer(ops.token())
				.json(Map.of("full_name", name))
				.send()
				.expect(200);
			Training.Certified certified = training.certified(learner.id(), ops.token(), assessor);

			String text = Pdfs.text(Pdfs.download(port, "/api/v1/enrollments/" + certified.enrolment() + "/certificate",
					tenant.adminToken()));

			assertThat(text).as(name)
				.contains(name)
				.contains("结业证书")
				.contains("பாடநெறியை நிறைவு செய்துள்ளார்")
				.contains("陳美玲")
				.contains("Pengarah Latihan · Zoë Łukasz");
			String code = jdbc.sql("SELECT verification_code FROM certificate WHERE id = :id")
				.param("id", certified.certificate())
				.query(String.class)
				.single();
			assertThat(api.get("/verify/" + code).header("Accept", "text/html").send().expect(200).body()).as(name)
				.contains(">" + name + "<");
			assertThat(api.get("/verify/" + code)
				.header("Accept", "application/json")
				.send()
				.expect(200)
				.json()
				.get("learner_name")
				.asString()).isEqualTo(name);
		}
		assertThat(LayoutProcessor.isEnabled()).as("the layout processor is on only while a certificate renders")
			.isFalse();
	}

	private io.cohort.testing.Api.Response putWording(String title, String statement, String signatoryName,
			String signatoryTitle) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("title", title);
		body.put("statement", statement);
		body.put("signatory_name", signatoryName);
		body.put("signatory_title", signatoryTitle);
		return api.request("PUT", TEMPLATE).bearer(tenant.adminToken()).json(body).send();
	}

	private io.cohort.testing.Api.Response upload(String image, String fileName, String contentType, byte[] content) {
		return api.request("PUT", TEMPLATE + "/images/" + image)
			.bearer(tenant.adminToken())
			.multipart("file", fileName, contentType, content)
			.send();
	}

	private int version() {
		return api.get(TEMPLATE).bearer(tenant.adminToken()).send().expect(200).json().get("version").asInt();
	}

	private long audits() {
		return jdbc.sql(
				"SELECT count(*) FROM audit_event WHERE tenant_id = :tenant AND action = 'certification.template.updated'")
			.param("tenant", tenant.id())
			.query(Long.class)
			.single();
	}

	private String text(String path) throws IOException {
		return new PdfTextExtractor(new PdfReader(bytes(path).body())).getTextFromPage(1);
	}

	private HttpResponse<byte[]> bytes(String path) {
		try {
			HttpResponse<byte[]> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
					.header("Authorization", "Bearer " + tenant.adminToken())
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			return response;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
