package io.cohort.spreadsheets;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.scheduling.ClassRunManagement;
import io.cohort.shared.AuditFact;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.system.RequestMetadata;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * CSV imports of learners and of enrolments into a run. An upload is read and stored as a
 * job with its rows at once (a file that cannot be read is refused whole); the rows are
 * then processed in the background, each with its own outcome. Jobs an instance left
 * unfinished resume on the next start from their first unprocessed row.
 */
@Service
public class ImportManagement {

	private final ImportRepository imports;

	private final ImportWorker worker;

	private final LearnerRows learnerRows;

	private final EnrolmentRows enrolmentRows;

	private final ClassRunManagement runs;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ImportManagement(ImportRepository imports, ImportWorker worker, LearnerRows learnerRows,
			EnrolmentRows enrolmentRows, ClassRunManagement runs, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock) {
		this.imports = imports;
		this.worker = worker;
		this.learnerRows = learnerRows;
		this.enrolmentRows = enrolmentRows;
		this.runs = runs;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	/** The columns a learners file may have, in order. */
	public static List<String> learnerColumns() {
		return LearnerRows.COLUMNS;
	}

	/** A learners file to start from: the columns and one example row. */
	public static String learnerTemplate() {
		return String.join(",", LearnerRows.COLUMNS) + "\r\n" + String.join(",", LearnerRows.EXAMPLE) + "\r\n";
	}

	/** The columns an enrolments file may have, in order. */
	public static List<String> enrolmentColumns() {
		return EnrolmentRows.COLUMNS;
	}

	/**
	 * Stores a learners file as a queued job and starts processing it in the background.
	 */
	public ImportJobView importLearners(String fileName, byte[] content) {
		return submit(learnerRows, null, fileName, content);
	}

	/**
	 * Stores an enrolments file for a run as a queued job and starts processing it in the
	 * background.
	 */
	public ImportJobView importEnrolments(UUID runId, String fileName, byte[] content) {
		runs.get(runId);
		return submit(enrolmentRows, runId, fileName, content);
	}

	@Transactional(readOnly = true)
	public ImportJobView get(UUID id) {
		return imports.find(CurrentActor.tenantId(), id).orElseThrow(() -> CohortException.notFound("import", id));
	}

	/** The tenant's jobs, newest first, optionally only those into one run. */
	@Transactional(readOnly = true)
	public PageView<ImportJobView> list(@Nullable UUID runId, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		return new PageView<>(imports.page(tenant, runId, page, size), page, size, imports.count(tenant, runId));
	}

	/** A job's rows in file order, optionally only those with one outcome. */
	@Transactional(readOnly = true)
	public PageView<ImportRowView> rows(UUID id, @Nullable RowOutcome outcome, int page, int size) {
		UUID tenant = CurrentActor.tenantId();
		get(id);
		return new PageView<>(imports.rows(tenant, id, outcome, page, size), page, size,
				imports.countRows(tenant, id, outcome));
	}

	/**
	 * Completes with the job once it is done or failed: at once for a finished job;
	 * failed with 409 {@code import-not-running-here} for an unfinished job this instance
	 * is not processing.
	 */
	public CompletableFuture<ImportJobView> completion(UUID id) {
		ImportJobView job = get(id);
		if (job.status().finished()) {
			return CompletableFuture.completedFuture(job);
		}
		return worker.running(id).orElseGet(() -> {
			ImportJobView now = get(id);
			return now.status().finished() ? CompletableFuture.completedFuture(now)
					: CompletableFuture.failedFuture(new CohortException(ProblemCode.IMPORT_NOT_RUNNING_HERE,
							"The import is processed by another instance"));
		});
	}

	/**
	 * Resumes the jobs of every tenant left queued or running, as the users who submitted
	 * them.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		for (ImportRepository.Owner owner : imports.unfinished()) {
			Set<Role> roles = EnumSet.noneOf(Role.class);
			Arrays.stream(owner.roles().split(",")).filter(r -> !r.isBlank()).map(Role::valueOf).forEach(roles::add);
			CohortPrincipal principal = new CohortPrincipal(CohortPrincipal.Kind.USER, owner.userId(), owner.tenantId(),
					null, owner.name(), roles);
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
					roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList()));
			worker.dispatch(owner.jobId(), context, "import-" + owner.jobId());
		}
	}

	private ImportJobView submit(RowHandler handler, @Nullable UUID runId, String fileName, byte[] content) {
		CohortPrincipal caller = CurrentActor.require();
		UUID tenant = CurrentActor.tenantId();
		List<CsvUpload.Row> rows = CsvUpload.read(content, handler.columns(), handler.required());
		ImportRepository.NewJob job = new ImportRepository.NewJob(UUID.randomUUID(), handler.kind(), runId,
				fileName(fileName), rows.size(), caller.id(), caller.name(),
				caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")),
				clock.instant().truncatedTo(ChronoUnit.MICROS));
		transactions.executeWithoutResult(status -> {
			imports.insert(tenant, job, rows);
			Map<String, Object> changes = new LinkedHashMap<>();
			changes.put("kind", job.kind().name());
			changes.put("file_name", job.fileName());
			changes.put("total_rows", job.totalRows());
			if (runId != null) {
				changes.put("class_run_id", runId.toString());
			}
			events.publishEvent(AuditFact.of(tenant, "import.submitted", "import_job", job.id(), changes));
		});
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(SecurityContextHolder.getContext().getAuthentication());
		worker.dispatch(job.id(), context, RequestMetadata.correlationId().orElse("import-" + job.id()));
		return get(job.id());
	}

	private static String fileName(String raw) {
		String name = raw.replace('\\', '/');
		name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
		if (name.isEmpty()) {
			return "upload.csv";
		}
		return name.length() > 200 ? name.substring(0, 200) : name;
	}

}
