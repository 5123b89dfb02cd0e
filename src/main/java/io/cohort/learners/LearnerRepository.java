package io.cohort.learners;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.cohort.shared.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Learners, within one tenant. The clear national id is never stored.
 */
@Repository
class LearnerRepository {

	private final JdbcClient jdbc;

	LearnerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID tenant, LearnerView learner, byte @Nullable [] cipher, byte @Nullable [] hash) {
		jdbc.sql(
				"""
						INSERT INTO learner (id, tenant_id, full_name, email, phone, id_type, national_id_cipher, national_id_hash,
						    national_id_masked, date_of_birth, consent, user_id, created_at, updated_at)
						VALUES (:id, :tenant, :name, :email, :phone, :type, :cipher, :hash, :masked, :dob, :consent, :user,
						    :created, :updated)""")
			.param("id", learner.id())
			.param("tenant", tenant)
			.param("name", learner.fullName())
			.param("email", learner.email())
			.param("phone", learner.phone())
			.param("type", learner.idType().name())
			.param("cipher", cipher)
			.param("hash", hash)
			.param("masked", learner.nationalIdMasked())
			.param("dob", learner.dateOfBirth() == null ? null : Date.valueOf(learner.dateOfBirth()))
			.param("consent", learner.consent())
			.param("user", learner.userId())
			.param("created", Timestamp.from(learner.createdAt()))
			.param("updated", Timestamp.from(learner.updatedAt()))
			.update();
	}

	void update(UUID tenant, LearnerView learner) {
		jdbc.sql("""
				UPDATE learner SET full_name = :name, email = :email, phone = :phone, date_of_birth = :dob,
				    consent = :consent, user_id = :user, updated_at = :updated
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", learner.id())
			.param("tenant", tenant)
			.param("name", learner.fullName())
			.param("email", learner.email())
			.param("phone", learner.phone())
			.param("dob", learner.dateOfBirth() == null ? null : Date.valueOf(learner.dateOfBirth()))
			.param("consent", learner.consent())
			.param("user", learner.userId())
			.param("updated", Timestamp.from(learner.updatedAt()))
			.update();
	}

	void updateNationalId(UUID tenant, UUID id, IdType type, byte[] cipher, byte[] hash, String masked) {
		jdbc.sql("""
				UPDATE learner SET id_type = :type, national_id_cipher = :cipher, national_id_hash = :hash,
				    national_id_masked = :masked
				WHERE id = :id AND tenant_id = :tenant""")
			.param("id", id)
			.param("tenant", tenant)
			.param("type", type.name())
			.param("cipher", cipher)
			.param("hash", hash)
			.param("masked", masked)
			.update();
	}

	Optional<LearnerView> find(UUID tenant, UUID id, boolean lock) {
		return jdbc.sql("SELECT * FROM learner WHERE id = :id AND tenant_id = :tenant" + (lock ? " FOR UPDATE" : ""))
			.param("id", id)
			.param("tenant", tenant)
			.query(LearnerRepository::map)
			.optional();
	}

	List<LearnerView> findAll(UUID tenant, Collection<UUID> ids) {
		return findSealed(tenant, ids).stream().map(Sealed::learner).toList();
	}

	Optional<LearnerView> findByUser(UUID tenant, UUID userId) {
		return jdbc.sql("SELECT * FROM learner WHERE user_id = :user AND tenant_id = :tenant")
			.param("user", userId)
			.param("tenant", tenant)
			.query(LearnerRepository::map)
			.optional();
	}

	Optional<UUID> findByNationalIdHash(UUID tenant, byte[] hash) {
		return jdbc.sql("SELECT id FROM learner WHERE tenant_id = :tenant AND national_id_hash = :hash")
			.param("tenant", tenant)
			.param("hash", hash)
			.query(UUID.class)
			.optional();
	}

	/** A learner with the sealed national id. */
	record Sealed(LearnerView learner, byte @Nullable [] nationalIdCipher) {
	}

	List<Sealed> findSealed(UUID tenant, Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM learner WHERE tenant_id = :tenant AND id IN (:ids)")
			.param("tenant", tenant)
			.param("ids", ids)
			.query((rs, n) -> new Sealed(map(rs, n), rs.getBytes("national_id_cipher")))
			.list();
	}

	Optional<byte[]> cipher(UUID tenant, UUID id) {
		return jdbc.sql("""
				SELECT national_id_cipher FROM learner
				WHERE id = :id AND tenant_id = :tenant AND national_id_cipher IS NOT NULL""")
			.param("id", id)
			.param("tenant", tenant)
			.query((rs, n) -> rs.getBytes(1))
			.optional();
	}

	List<LearnerView> page(UUID tenant, @Nullable String query, int page, int size) {
		return jdbc.sql("""
				SELECT * FROM learner WHERE tenant_id = :tenant
				  AND (CAST(:q AS TEXT) IS NULL OR full_name ILIKE '%' || :q || '%' OR email ILIKE '%' || :q || '%')
				ORDER BY lower(full_name), id LIMIT :size OFFSET :offset""")
			.param("tenant", tenant)
			.param("q", query)
			.param("size", size)
			.param("offset", (long) page * size)
			.query(LearnerRepository::map)
			.list();
	}

	long count(UUID tenant, @Nullable String query) {
		return jdbc.sql("""
				SELECT count(*) FROM learner WHERE tenant_id = :tenant
				  AND (CAST(:q AS TEXT) IS NULL OR full_name ILIKE '%' || :q || '%' OR email ILIKE '%' || :q || '%')""")
			.param("tenant", tenant)
			.param("q", query)
			.query(Long.class)
			.single();
	}

	private static LearnerView map(ResultSet rs, int n) throws SQLException {
		Date dob = rs.getDate("date_of_birth");
		return new LearnerView(rs.getObject("id", UUID.class), rs.getString("full_name"), rs.getString("email"),
				rs.getString("phone"), IdType.valueOf(rs.getString("id_type")), rs.getString("national_id_masked"),
				dob == null ? null : dob.toLocalDate(), rs.getBoolean("consent"), rs.getObject("user_id", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
