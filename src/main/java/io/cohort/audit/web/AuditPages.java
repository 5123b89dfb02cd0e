package io.cohort.audit.web;

import io.cohort.audit.AuditEntry;
import io.cohort.audit.AuditLog;
import io.cohort.shared.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log page (ADMIN, OPS): the tenant's trail filtered by entity type, actor and
 * action, newest first, a page at a time (swapped in place with htmx), and a check of the
 * hash chain.
 */
@Controller
@RequestMapping("/audit")
@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
class AuditPages {

	static final int PAGE_SIZE = 25;

	private final AuditLog audit;

	AuditPages(AuditLog audit) {
		this.audit = audit;
	}

	/** The filter as the page's form sends it; blank fields match everything. */
	record AuditFilter(@Nullable String entityType, @Nullable String actor, @Nullable String action) {

		AuditLog.Filter toFilter() {
			return new AuditLog.Filter(blankToNull(entityType, 100), null, blankToNull(actor, 254),
					blankToNull(action, 100), null, null);
		}

		private static @Nullable String blankToNull(@Nullable String value, int max) {
			if (value == null || value.isBlank()) {
				return null;
			}
			String trimmed = value.trim();
			return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
		}

	}

	@GetMapping
	String search(@RequestParam(name = "entity_type", required = false) @Nullable String entityType,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action, @RequestParam(defaultValue = "0") int page,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
			@RequestHeader(name = "HX-Target", required = false) @Nullable String htmxTarget, Model model) {
		AuditFilter filter = new AuditFilter(entityType, actor, action);
		PageView<AuditEntry> entries = audit.search(filter.toFilter(), Math.max(page, 0), PAGE_SIZE);
		model.addAttribute("filter", filter);
		model.addAttribute("entries", entries);
		return htmx != null && "audit-results".equals(htmxTarget) ? "audit/audit :: results" : "audit/audit";
	}

	@GetMapping("/verify")
	String verify(@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		model.addAttribute("verification", audit.verify());
		if (htmx != null) {
			return "audit/audit :: verification";
		}
		AuditFilter filter = new AuditFilter(null, null, null);
		model.addAttribute("filter", filter);
		model.addAttribute("entries", audit.search(filter.toFilter(), 0, PAGE_SIZE));
		return "audit/audit";
	}

}
