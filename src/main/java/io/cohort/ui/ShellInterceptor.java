package io.cohort.ui;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.identity.TenantView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Adds the {@link Shell} to every rendered page (never to JSON or redirects), so that the
 * layout can show the tenant, the user and the navigation their roles allow.
 */
@Component
class ShellInterceptor implements HandlerInterceptor {

	static final String PRODUCT = "Cohort";

	static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Singapore");

	private final TenantManagement tenants;

	private final Labels labels;

	ShellInterceptor(TenantManagement tenants, Labels labels) {
		this.labels = labels;
		this.tenants = tenants;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable ModelAndView modelAndView) {
		if (modelAndView == null || modelAndView.getViewName() == null
				|| modelAndView.getViewName().startsWith("redirect:")) {
			return;
		}
		modelAndView.addObject("shell", shellFor(currentPath(request)));
	}

	Shell shellFor(String path) {
		CohortPrincipal principal = CurrentActor.principal()
			.filter(p -> p.kind() == CohortPrincipal.Kind.USER)
			.orElse(null);
		if (principal == null) {
			return new Shell(PRODUCT, null, null, List.of(), List.of(), DEFAULT_ZONE);
		}
		TenantView tenant = principal.tenantId() == null ? null : tenants.find(principal.tenantId()).orElse(null);
		List<Shell.NavItem> navigation = new ArrayList<>();
		navigation.add(item("Home", "/", path));
		if (principal.has(Role.ADMIN)) {
			navigation.add(item("Users", "/admin/users", path));
			navigation.add(item("API keys", "/admin/api-keys", path));
			navigation.add(item("Integrations", "/settings/integrations", path));
		}
		if (principal.has(Role.ADMIN) || principal.has(Role.OPS)) {
			navigation.add(item("Courses", "/courses", path));
			navigation.add(item("Runs", "/runs", path));
			navigation.add(item("Calendar", "/calendar", path));
			navigation.add(item("Learners", "/learners", path));
			navigation.add(item("Trainers", "/trainers", path));
		}
		if (principal.has(Role.TRAINER)) {
			navigation.add(item("My sessions", "/my/sessions", path));
		}
		if (principal.has(Role.LEARNER)) {
			navigation.add(item("Available runs", "/portal", path));
			navigation.add(item("My schedule", "/my/schedule", path));
			navigation.add(item("My attendance", "/my/attendance", path));
		}
		if (principal.has(Role.ADMIN) || principal.has(Role.OPS)) {
			navigation.add(item("Compliance", "/compliance", path));
			navigation.add(item("Imports", "/imports", path));
			navigation.add(item("Audit log", "/audit", path));
		}
		if (principal.has(Role.ASSESSOR)) {
			navigation.add(item("Results", "/assessments", path));
		}
		if (principal.has(Role.LEARNER)) {
			navigation.add(item("My certificates", "/my/certificates", path));
		}
		if (principal.has(Role.LEARNER) || principal.has(Role.OPS) || principal.has(Role.TRAINER)) {
			navigation.add(item("My messages", "/my/notifications", path));
		}
		List<String> roles = principal.roles().stream().sorted().map(this.labels::of).toList();
		return new Shell(PRODUCT, tenant == null ? null : tenant.name(), principal.name(), roles, navigation,
				tenant == null ? DEFAULT_ZONE : ZoneId.of(tenant.timeZone()));
	}

	private static Shell.NavItem item(String label, String href, String path) {
		boolean current = href.equals("/") ? path.equals("/") : path.equals(href) || path.startsWith(href + "/");
		return new Shell.NavItem(label, href, current);
	}

	private static String currentPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.isEmpty() ? "/" : path;
	}

}
