package io.cohort.spreadsheets;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.cohort.IntegrationTest;
import io.cohort.catalog.CourseManagement;
import io.cohort.enrolment.EnrolmentManagement;
import io.cohort.enrolment.EnrolmentStatus;
import io.cohort.enrolment.EnrolmentView;
import io.cohort.enrolment.FeeCollectionStatus;
import io.cohort.enrolment.SponsorshipType;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.learners.LearnerManagement;
import io.cohort.learners.LearnerView;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.scheduling.ClassRunView;
import io.cohort.scheduling.RunStatus;
import io.cohort.shared.IdType;
import io.cohort.shared.NationalId;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.Nrics;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportIntegrationTests extends IntegrationTest {

	static final String LEARNER_HEADER = "full_name,email,phone,id_type,national_id,date_of_birth,consent";

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	ImportManagement imports;

	@Autowired
	ImportRepository repository;

	@Autowired
	LearnerManagement learners;

	@Autowired
	CourseManagement courses;

	@Autowired
	ClassRunManagement runs;

	@Autowired
	EnrolmentManagement enrolments;

	@Autowired
	JdbcClient jdbc;

	Tenants.TestTenant tenant;

	CohortPrincipal ops;

	@BeforeEach
	void tenant() {
		tenant = new Tenants(tenantManagement).create("csv");
		ops = tenant.as(Role.OPS);
	}

	/** What a row is expected to come to. */
	record Expected(RowOutcome outcome, String message) {
	}

	@Test
	void importsLearnersRowByRowWithAnOutcomeAndReasonForEachRow() throws Exception {
		String existing = Nrics.next();
		UUID existingId = as(() -> learners.register(new LearnerManagement.NewLearner("Already Here",
				"here@example.com", null, IdType.SP, existing, null, true, null)))
			.id();
		StringBuilder csv = new StringBuilder(
				"\uFEFFFull Name,Email,Phone,ID Type,National ID,Date of Birth,Consent\r\n");
		Map<Integer, Expected> expected = new LinkedHashMap<>();
		Map<Integer, String> createdIds = new LinkedHashMap<>();
		List<String> clearIds = new ArrayList<>(List.of(existing));
		String firstInFile = null;
		int firstInFileRow = 0;
		for (int i = 0; i < 200; i++) {
			int row = i + 2;
			String nric = Nrics.next();
			String line;
			switch (i % 20) {
				case 3 -> {
					line = "Existing Twin " + i + ",twin" + i + "@example.com,,SP," + existing + ",,yes";
					expected.put(row,
							new Expected(RowOutcome.DUPLICATE, "national-id-taken: A learner with national id "
									+ NationalId.mask(existing) + " already exists"));
				}
				case 7 -> {
					line = "In File Twin " + i + ",infile" + i + "@example.com,,SP," + firstInFile + ",,yes";
					expected.put(row,
							new Expected(RowOutcome.DUPLICATE,
									"national-id-taken: A learner with national id " + NationalId.mask(firstInFile)
											+ " already exists (created from row " + firstInFileRow
											+ " of this file)"));
				}
				case 9 -> {
					String wrong = nric.substring(0, 8) + (nric.charAt(8) == 'A' ? 'B' : 'A');
					clearIds.add(wrong);
					line = "Bad Check " + i + ",bad" + i + "@example.com,,SP," + wrong + ",,yes";
					expected.put(row, new Expected(RowOutcome.INVALID, "national_id: has a wrong check letter"));
				}
				case 12 -> {
					clearIds.add(nric);
					line = "No Email " + i + ",,,SP," + nric + ",,yes";
					expected.put(row, new Expected(RowOutcome.INVALID, "email: must not be blank"));
				}
				case 15 -> {
					clearIds.add(nric);
					line = "Bad Date " + i + ",date" + i + "@example.com,,SP," + nric + ",31/04/1990,yes";
					expected.put(row, new Expected(RowOutcome.INVALID,
							"date_of_birth: must be a date such as 31/12/1990 (day/month/year) or 1990-12-31"));
				}
				case 17 -> {
					clearIds.add(nric);
					line = "Many Faults " + i + ",not-an-email,,XX," + nric + ",,maybe";
					expected.put(row, new Expected(RowOutcome.INVALID, "consent: must be yes (or true); "
							+ "email: must be a well-formed email address; id_type: must be one of SP, SB, SO, FP, OT"));
				}
				case 19 -> {
					line = ",,,,,,";
					expected.put(row, new Expected(RowOutcome.SKIPPED, "The row is blank"));
				}
				default -> {
					clearIds.add(nric);
					line = "\"Tan, Learner " + i + "\", Learner" + i + "@Example.com ,+65 9123 4567,sp," + nric
							+ (i % 2 == 0 ? ",30/04/1990,true" : ",1990-04-30,yes");
					expected.put(row, new Expected(RowOutcome.CREATED,
							"Registered Tan, Learner " + i + " (" + NationalId.mask(nric) + ")"));
					createdIds.put(row, nric);
					if (firstInFile == null) {
						firstInFile = nric;
						firstInFileRow = row;
					}
				}
			}
			csv.append(line).append("\r\n");
		}

		ImportJobView queued = as(() -> imports.importLearners("C:\\Users\\ops\\learners.csv", bytes(csv)));
		ImportJobView done = as(() -> imports.completion(queued.id())).get(60, TimeUnit.SECONDS);

		assertThat(queued.totalRows()).isEqualTo(200);
		assertThat(queued.fileName()).isEqualTo("learners.csv");
		assertThat(done.status()).isEqualTo(ImportStatus.DONE);
		assertThat(done.processedRows()).isEqualTo(200);
		assertThat(done.progressPercent()).isEqualTo(100);
		assertThat(done.created()).isEqualTo(createdIds.size());
		assertThat(done.duplicates()).isEqualTo(20);
		assertThat(done.invalid()).isEqualTo(40);
		assertThat(done.skipped()).isEqualTo(10);
		List<ImportRowView> rows = as(() -> imports.rows(queued.id(), null, 0, 500)).items();
		Map<Integer, Expected> actual = new LinkedHashMap<>();
		rows.forEach(r -> actual.put(r.rowNumber(), new Expected(r.outcome(), r.message())));
		assertThat(actual).containsExactlyEntriesOf(expected);
		assertThat(rows.get(3).entityId()).isEqualTo(existingId);
		createdIds.forEach((row, nric) -> {
			UUID id = as(() -> learners.findByNationalId(IdType.SP, nric)).orElseThrow();
			LearnerView learner = as(() -> learners.get(id));
			assertThat(learner.email()).startsWith("learner").endsWith("@example.com");
			assertThat(learner.phone()).isEqualTo("+65 9123 4567");
			assertThat(learner.dateOfBirth()).isEqualTo(LocalDate.of(1990, 4, 30));
			assertThat(learner.consent()).isTrue();
			assertThat(rows.get(row - 2).entityId()).isEqualTo(id);
		});
		assertThat(as(() -> imports.rows(queued.id(), RowOutcome.INVALID, 0, 500)).total()).isEqualTo(40);
		String stored = String.join("\n",
				jdbc.sql("SELECT raw || coalesce(message, '') FROM import_row WHERE job_id = :id")
					.param("id", queued.id())
					.query(String.class)
					.list());
		String shown = rows.toString();
		for (String clear : clearIds) {
			assertThat(stored).doesNotContain(clear);
			assertThat(shown).doesNotContain(clear);
		}
		assertThat(rows.get(0).data()).containsEntry("national_id", NationalId.mask(createdIds.get(2)))
			.containsEntry("full_name", "Tan, Learner 0");
		assertThat(
				count("SELECT count(*) FROM audit_event WHERE tenant_id = :tenant AND action = 'learner.registered'"))
			.isEqualTo(createdIds.size() + 1);
		assertThat(count("SELECT count(*) FROM audit_event WHERE tenant_id = :tenant AND action LIKE 'import.%'"))
			.isEqualTo(2);
	}

	@Test
	void refusesAFileThatCannotBeReadAndStoresNothing() {
		assertThatThrownBy(() -> as(() -> imports.importLearners("a.csv", bytes("full_name,email\nA,a@b.c\n"))))
			.isInstanceOfSatisfying(CohortException.class, ex -> {
				assertThat(ex.status().value()).isEqualTo(400);
				assertThat(ex.properties().toString()).contains("lacks the columns id_type, national_id");
			});
		assertThatThrownBy(() -> as(() -> imports.importLearners("a.csv", bytes(LEARNER_HEADER + ",shoe_size\n"))))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.properties().toString()).contains("has unknown columns shoe_size"));
		assertThatThrownBy(() -> as(() -> imports.importLearners("a.csv", new byte[0]))).isInstanceOfSatisfying(
				CohortException.class, ex -> assertThat(ex.properties().toString()).contains("is empty"));
		assertThatThrownBy(() -> as(() -> imports.importLearners("a.csv", new byte[] { 'a', (byte) 0xE9, '\n' })))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.properties().toString()).contains("is not UTF-8"));
		StringBuilder tooMany = new StringBuilder(LEARNER_HEADER + "\n");
		tooMany.append("A,a@b.co,,SP,S1234567D,,yes\n".repeat(CsvUpload.MAX_ROWS + 1));
		assertThatThrownBy(() -> as(() -> imports.importLearners("a.csv", bytes(tooMany))))
			.isInstanceOfSatisfying(CohortException.class, ex -> {
				assertThat(ex.status().value()).isEqualTo(400);
				assertThat(ex.properties().toString()).contains("has more than 50000 rows");
			});
		byte[] huge = new byte[(int) CsvUpload.MAX_BYTES + 1];
		assertThatThrownBy(() -> as(() -> imports.importLearners("a.csv", huge)))
			.isInstanceOfSatisfying(CohortException.class, ex -> {
				assertThat(ex.status().value()).isEqualTo(413);
				assertThat(ex.code()).isEqualTo(ProblemCode.PAYLOAD_TOO_LARGE);
			});
		assertThat(as(() -> imports.list(null, 0, 10)).total()).isZero();
	}

	@Test
	void enrolsIntoARunUntilItIsFullWithAResultPerRow() throws Exception {
		ClassRunView run = run(3, false);
		List<String> nrics = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String nric = Nrics.next();
			nrics.add(nric);
			int n = i;
			ids.add(as(() -> learners.register(new LearnerManagement.NewLearner("Learner " + n,
					"enrol" + n + "@" + tenant.slug() + ".test", null, IdType.SP, nric, null, true, null)))
				.id());
		}
		String unknown = Nrics.next();
		String csv = String.join("\n",
				"national_id,learner_email,sponsorship_type,employer_uen,fee_amount,fee_collection_status",
				nrics.get(0) + ",,EMPLOYER,201912345K,1200.50,Full Payment", ",ENROL1@" + tenant.slug() + ".test,,,,",
				nrics.get(0) + ",,,,,", unknown + ",,,,,", nrics.get(2) + ",,FREE,,-3,", nrics.get(3) + ",,EMPLOYER,,,",
				nrics.get(3) + ",,individual,,,pending", nrics.get(4) + ",,,,,", ",nobody@example.com,,,,");

		ImportJobView queued = as(() -> imports.importEnrolments(run.id(), "enrol.csv", bytes(csv)));
		ImportJobView done = as(() -> imports.completion(queued.id())).get(30, TimeUnit.SECONDS);

		assertThat(done.status()).isEqualTo(ImportStatus.DONE);
		assertThat(done.runId()).isEqualTo(run.id());
		Map<Integer, Expected> actual = new LinkedHashMap<>();
		as(() -> imports.rows(queued.id(), null, 0, 50)).items()
			.forEach(r -> actual.put(r.rowNumber(), new Expected(r.outcome(), r.message())));
		assertThat(actual).containsExactly(
				Map.entry(2,
						new Expected(RowOutcome.CREATED,
								"Enrolled Learner 0 (" + NationalId.mask(nrics.get(0)) + "), confirmed")),
				Map.entry(3,
						new Expected(RowOutcome.CREATED,
								"Enrolled Learner 1 (" + NationalId.mask(nrics.get(1)) + "), confirmed")),
				Map.entry(4,
						new Expected(RowOutcome.DUPLICATE,
								"already-enrolled: The learner is already enrolled in this run")),
				Map.entry(5,
						new Expected(RowOutcome.INVALID,
								"national_id: no learner has this national id; import the learner first")),
				Map.entry(6, new Expected(RowOutcome.INVALID,
						"fee_amount: must be an amount such as 1200.00; sponsorship_type: must be INDIVIDUAL or EMPLOYER")),
				Map.entry(7,
						new Expected(RowOutcome.INVALID,
								"employer_uen: is required for an employer-sponsored enrolment")),
				Map.entry(8,
						new Expected(RowOutcome.CREATED,
								"Enrolled Learner 3 (" + NationalId.mask(nrics.get(3)) + "), confirmed")),
				Map.entry(9, new Expected(RowOutcome.INVALID, "class-run-full: Run " + run.reference() + " is full")),
				Map.entry(10, new Expected(RowOutcome.INVALID,
						"learner_email: no learner has this email; import the learner first")));
		assertThat(done.created()).isEqualTo(3);
		assertThat(done.duplicates()).isEqualTo(1);
		assertThat(done.invalid()).isEqualTo(5);
		List<EnrolmentView> enrolled = as(() -> enrolments.search(run.id(), null, null, 0, 10)).items();
		assertThat(enrolled).extracting(EnrolmentView::learnerId).containsExactly(ids.get(0), ids.get(1), ids.get(3));
		assertThat(enrolled).allSatisfy(e -> {
			assertThat(e.source()).isEqualTo("IMPORT");
			assertThat(e.status()).isEqualTo(EnrolmentStatus.CONFIRMED);
		});
		assertThat(enrolled.get(0).sponsorshipType()).isEqualTo(SponsorshipType.EMPLOYER);
		assertThat(enrolled.get(0).feeAmount()).isEqualByComparingTo(new BigDecimal("1200.50"));
		assertThat(enrolled.get(0).feeCollectionStatus()).isEqualTo(FeeCollectionStatus.FULL);
		assertThat(as(() -> runs.get(run.id())).seatsTaken()).isEqualTo(3);
	}

	@Test
	void putsLearnersOnTheWaitlistOfAFullRunThatHasOne() throws Exception {
		ClassRunView run = run(1, true);
		List<String> lines = new ArrayList<>(List.of("national_id"));
		for (int i = 0; i < 3; i++) {
			String nric = Nrics.next();
			int n = i;
			as(() -> learners.register(new LearnerManagement.NewLearner("Waiting " + n, "wait" + n + "@example.com",
					null, IdType.SP, nric, null, true, null)));
			lines.add(nric);
		}
		ImportJobView queued = as(
				() -> imports.importEnrolments(run.id(), "wait.csv", bytes(String.join("\n", lines))));
		as(() -> imports.completion(queued.id())).get(30, TimeUnit.SECONDS);

		assertThat(as(() -> imports.rows(queued.id(), null, 0, 10)).items()).extracting(ImportRowView::message)
			.containsExactly("Enrolled Waiting 0 (" + NationalId.mask(lines.get(1)) + "), confirmed",
					"Enrolled Waiting 1 (" + NationalId.mask(lines.get(2)) + "), waitlisted at position 1",
					"Enrolled Waiting 2 (" + NationalId.mask(lines.get(3)) + "), waitlisted at position 2");
	}

	@Test
	void waitingForAJobAnotherInstanceIsProcessingIsRefused() throws Exception {
		ImportJobView job = as(() -> imports.importLearners("elsewhere.csv",
				bytes(LEARNER_HEADER + "\nElsewhere,elsewhere@example.com,,SP," + Nrics.next() + ",,yes")));
		as(() -> imports.completion(job.id())).get(30, TimeUnit.SECONDS);
		jdbc.sql("UPDATE import_job SET status = 'RUNNING' WHERE id = :id").param("id", job.id()).update();
		try {
			assertThat(as(() -> imports.completion(job.id()))).failsWithin(java.time.Duration.ofSeconds(5))
				.withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(CohortException.class,
						ex -> assertThat(ex.code()).isEqualTo(ProblemCode.IMPORT_NOT_RUNNING_HERE));
		}
		finally {
			jdbc.sql("UPDATE import_job SET status = 'DONE' WHERE id = :id").param("id", job.id()).update();
		}
	}

	@Test
	void anotherTenantsJobIsNotFound() throws Exception {
		ImportJobView job = as(() -> imports.importLearners("mine.csv",
				bytes(LEARNER_HEADER + "\nMine,mine@example.com,,SP," + Nrics.next() + ",,yes")));
		as(() -> imports.completion(job.id())).get(30, TimeUnit.SECONDS);
		CohortPrincipal stranger = new Tenants(tenantManagement).create("csv-other").as(Role.ADMIN);

		for (Runnable call : List.<Runnable>of(() -> imports.get(job.id()), () -> imports.rows(job.id(), null, 0, 10),
				() -> imports.completion(job.id()))) {
			assertThatThrownBy(() -> Tenants.run(stranger, call)).isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.status().value()).isEqualTo(404));
		}
		assertThat(Tenants.as(stranger, () -> imports.list(null, 0, 10)).total()).isZero();
		ClassRunView run = run(5, false);
		assertThatThrownBy(() -> Tenants.run(stranger,
				() -> imports.importEnrolments(run.id(), "x.csv", bytes("national_id\n" + Nrics.next()))))
			.isInstanceOfSatisfying(CohortException.class, ex -> assertThat(ex.status().value()).isEqualTo(404));
	}

	@Test
	void resumesAnUnfinishedJobFromItsFirstUnprocessedRow() throws Exception {
		List<String> nrics = List.of(Nrics.next(), Nrics.next(), Nrics.next(), Nrics.next());
		List<CsvUpload.Row> rows = new ArrayList<>();
		for (int i = 0; i < nrics.size(); i++) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("full_name", "Resumed " + i);
			values.put("email", "resumed" + i + "@example.com");
			values.put("id_type", "SP");
			values.put("national_id", nrics.get(i));
			values.put("consent", "yes");
			rows.add(new CsvUpload.Row(i + 2, values, null));
		}
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		repository.insert(tenant.id(), new ImportRepository.NewJob(id, ImportKind.LEARNERS, null, "half.csv", 4,
				ops.id(), ops.name(), "OPS", now), rows);
		jdbc.sql("UPDATE import_job SET status = 'RUNNING', started_at = :now WHERE id = :id")
			.param("now", java.sql.Timestamp.from(now))
			.param("id", id)
			.update();
		repository.record(tenant.id(), id, new ImportRepository.Pending(2, rows.get(0).values(), null),
				new RowHandler.Result(RowOutcome.CREATED, "processed before the restart", null), now);

		imports.resumeUnfinished();
		ImportJobView done = as(() -> imports.completion(id)).get(30, TimeUnit.SECONDS);

		assertThat(done.status()).isEqualTo(ImportStatus.DONE);
		assertThat(done.processedRows()).isEqualTo(4);
		assertThat(done.created()).isEqualTo(4);
		assertThat(as(() -> imports.rows(id, null, 0, 10)).items()).extracting(ImportRowView::message)
			.containsExactly("processed before the restart",
					"Registered Resumed 1 (" + NationalId.mask(nrics.get(1)) + ")",
					"Registered Resumed 2 (" + NationalId.mask(nrics.get(2)) + ")",
					"Registered Resumed 3 (" + NationalId.mask(nrics.get(3)) + ")");
		assertThat(as(() -> learners.findByNationalId(IdType.SP, nrics.get(0)))).isEmpty();
		assertThat(as(() -> learners.findByNationalId(IdType.SP, nrics.get(3)))).isPresent();
		assertThat(jdbc.sql("""
				SELECT count(*) FROM audit_event WHERE tenant_id = :tenant AND action = 'learner.registered'
				  AND actor_label = :actor""")
			.param("tenant", tenant.id())
			.param("actor", ops.name())
			.query(Long.class)
			.single()).isEqualTo(3);
	}

	private ClassRunView run(int capacity, boolean waitlist) {
		UUID course = as(() -> courses
			.create(new CourseManagement.NewCourse("C-" + UUID.randomUUID().toString().substring(0, 8), "First Aid",
					null, null, List.of(new CourseManagement.NewModule("M1", "CPR", new BigDecimal("8"))))))
			.id();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Singapore"));
		return as(() -> runs.schedule(course,
				new ClassRunManagement.NewRun("R-" + UUID.randomUUID().toString().substring(0, 8), today.plusDays(7),
						today.plusDays(8), today.minusDays(1), today.plusDays(5), capacity, "1", "Room 1", false,
						waitlist, RunStatus.PUBLISHED)));
	}

	private long count(String sql) {
		return jdbc.sql(sql).param("tenant", tenant.id()).query(Long.class).single();
	}

	private <T> T as(java.util.concurrent.Callable<T> call) {
		return Tenants.as(ops, call);
	}

	private static byte[] bytes(CharSequence text) {
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

}
