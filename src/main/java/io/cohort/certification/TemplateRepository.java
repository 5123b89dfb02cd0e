package io.cohort.certification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A tenant's certificate template versions (never changed once written) and their images,
 * each image stored once per tenant by its digest.
 */
@Repository
class TemplateRepository {

	private final JdbcClient jdbc;

	TemplateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One version of a tenant's template. */
	record Stored(UUID id, int version, String title, String statement, @Nullable String signatoryName,
			@Nullable String signatoryTitle, @Nullable UUID logoId, @Nullable UUID signatureId, String createdBy,
			Instant createdAt) {

		@Nullable UUID image(TemplateImage which) {
			return which == TemplateImage.LOGO ? logoId : signatureId;
		}

	}

	/** Serialises changes of the tenant's template until the transaction ends. */
	void lock(UUID tenant) {
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.param("key", "certificate-template:" + tenant)
			.query((rs, n) -> 1)
			.list();
	}

	/** The tenant's latest version, if it has one. */
	Optional<Stored> current(UUID tenant) {
		return jdbc.sql("SELECT * FROM certificate_template WHERE tenant_id = :tenant ORDER BY version DESC LIMIT 1")
			.param("tenant", tenant)
			.query(TemplateRepository::map)
			.optional();
	}

	Optional<Stored> find(UUID tenant, UUID id) {
		return jdbc.sql("SELECT * FROM certificate_template WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", id)
			.query(TemplateRepository::map)
			.optional();
	}

	void insert(UUID tenant, Stored template) {
		jdbc.sql("""
				INSERT INTO certificate_template (id, tenant_id, version, title, statement, signatory_name,
				    signatory_title, logo_id, signature_id, created_by, created_at)
				VALUES (:id, :tenant, :version, :title, :statement, :signatory_name, :signatory_title, :logo,
				    :signature, :by, :at)""")
			.param("id", template.id())
			.param("tenant", tenant)
			.param("version", template.version())
			.param("title", template.title())
			.param("statement", template.statement())
			.param("signatory_name", template.signatoryName())
			.param("signatory_title", template.signatoryTitle())
			.param("logo", template.logoId())
			.param("signature", template.signatureId())
			.param("by", template.createdBy())
			.param("at", Timestamp.from(template.createdAt()))
			.update();
	}

	/** Stores a verified image unless the tenant has the same one; answers its id. */
	UUID saveImage(UUID tenant, ImageCheck.Checked image, Instant at) {
		jdbc.sql("""
				INSERT INTO certificate_image (id, tenant_id, sha256, media_type, width, height, content, created_at)
				VALUES (:id, :tenant, :sha256, :type, :width, :height, :content, :at)
				ON CONFLICT (tenant_id, sha256) DO NOTHING""")
			.param("id", UUID.randomUUID())
			.param("tenant", tenant)
			.param("sha256", image.sha256())
			.param("type", image.mediaType())
			.param("width", image.width())
			.param("height", image.height())
			.param("content", image.content())
			.param("at", Timestamp.from(at))
			.update();
		return jdbc.sql("SELECT id FROM certificate_image WHERE tenant_id = :tenant AND sha256 = :sha256")
			.param("tenant", tenant)
			.param("sha256", image.sha256())
			.query(UUID.class)
			.single();
	}

	/** What an image is, without its content. */
	Optional<CertificateTemplate.Image> describe(UUID tenant, UUID imageId) {
		return jdbc.sql("""
				SELECT media_type, width, height, octet_length(content) AS size FROM certificate_image
				WHERE tenant_id = :tenant AND id = :id""")
			.param("tenant", tenant)
			.param("id", imageId)
			.query((rs, n) -> new CertificateTemplate.Image(rs.getString("media_type"), rs.getInt("width"),
					rs.getInt("height"), rs.getInt("size")))
			.optional();
	}

	Optional<byte[]> content(UUID tenant, UUID imageId) {
		return jdbc.sql("SELECT content FROM certificate_image WHERE tenant_id = :tenant AND id = :id")
			.param("tenant", tenant)
			.param("id", imageId)
			.query((rs, n) -> rs.getBytes("content"))
			.optional();
	}

	private static Stored map(ResultSet rs, int n) throws SQLException {
		return new Stored(rs.getObject("id", UUID.class), rs.getInt("version"), rs.getString("title"),
				rs.getString("statement"), rs.getString("signatory_name"), rs.getString("signatory_title"),
				rs.getObject("logo_id", UUID.class), rs.getObject("signature_id", UUID.class),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
	}

}
