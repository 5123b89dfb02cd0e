package io.cohort.gateway.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cohort.gateway.SyncStates;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.system.CohortException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sync state of the records a page shows, for the run, enrolment, attendance and
 * assessment pages of other modules (which cannot depend on the gateway, as it depends on
 * them): a page posts its records' ids by type once after loading (htmx), and the answer
 * fills each record's placeholder ({@code <span id="sync-<id>">}) out of band. One query
 * per record type, none per row.
 */
@Controller
class SyncStatePages {

	private final SyncStates states;

	SyncStatePages(SyncStates states) {
		this.states = states;
	}

	/**
	 * One record's placeholder and its state; a null state with the gateway on means not
	 * sent yet.
	 */
	record Line(UUID id, SyncStates.@Nullable SyncState state) {
	}

	@PostMapping("/gateway/sync-states")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS', 'TRAINER', 'ASSESSOR')")
	String states(@RequestParam MultiValueMap<String, String> form, Model model) {
		List<Line> lines = new ArrayList<>();
		boolean shown = false;
		for (SyncStates.EntityType type : SyncStates.EntityType.values()) {
			List<UUID> ids = ids(form.getOrDefault(type.column(), List.of()));
			if (ids.isEmpty()) {
				continue;
			}
			SyncStates.Lookup lookup = states.of(type, ids);
			shown |= lookup.shown();
			ids.forEach(id -> lines.add(new Line(id, lookup.of(id))));
		}
		model.addAttribute("lines", shown ? lines : List.of());
		model.addAttribute("canRetry", CurrentActor.require().has(Role.ADMIN) || CurrentActor.require().has(Role.OPS));
		return "gateway/sync-states";
	}

	private static List<UUID> ids(List<String> values) {
		Map<UUID, Boolean> ids = new LinkedHashMap<>();
		for (String value : values) {
			try {
				ids.put(UUID.fromString(value.trim()), true);
			}
			catch (IllegalArgumentException ex) {
				throw CohortException.invalidField("id", "is not a record id");
			}
		}
		if (ids.size() > 10_000) {
			throw CohortException.invalidField("id", "at most 10000 records at once");
		}
		return List.copyOf(ids.keySet());
	}

}
