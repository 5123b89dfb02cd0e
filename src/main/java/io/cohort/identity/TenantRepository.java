package io.cohort.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

	private static final RowMapper<TenantView> ROW = (rs, n) -> new TenantView(rs.getObject("id", UUID.class),
			rs.getString("slug"), rs.getString("name"), rs.getString("uen"), rs.getString("time_zone"),
			rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	TenantRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(TenantView tenant) {
		jdbc.sql("""
				INSERT INTO tenant (id, slug, name, uen, time_zone, created_at)
				VALUES (:id, :slug, :name, :uen, :zone, :created)""")
			.param("id", tenant.id())
			.param("slug", tenant.slug())
			.param("name", tenant.name())
			.param("uen", tenant.uen())
			.param("zone", tenant.timeZone())
			.param("created", java.sql.Timestamp.from(tenant.createdAt()))
			.update();
	}

	Optional<TenantView> findBySlug(String slug) {
		return jdbc.sql("SELECT * FROM tenant WHERE slug = :slug").param("slug", slug).query(ROW).optional();
	}

	Optional<TenantView> findById(UUID id) {
		return jdbc.sql("SELECT * FROM tenant WHERE id = :id").param("id", id).query(ROW).optional();
	}

	List<TenantView> findAll() {
		return jdbc.sql("SELECT * FROM tenant ORDER BY slug").query(ROW).list();
	}

}
