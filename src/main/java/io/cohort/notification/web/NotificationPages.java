package io.cohort.notification.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.identity.CurrentActor;
import io.cohort.identity.Role;
import io.cohort.notification.Channel;
import io.cohort.notification.NotificationContact;
import io.cohort.notification.NotificationKind;
import io.cohort.notification.NotificationManagement;
import io.cohort.notification.NotificationPreferences;
import io.cohort.system.CohortException;
import io.cohort.system.FormErrors;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My messages": the in-app messages of a learner or an OPS user (compliance deadlines,
 * dead letters) with the unread count, each to mark read, and the button that subscribes
 * this browser to PUSH; and the learner's own preferences: channels per kind, and the
 * guardian and employer told of absences.
 */
@Controller
class NotificationPages {

	private final NotificationManagement notifications;

	NotificationPages(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/my/notifications")
	@PreAuthorize("hasAnyRole('LEARNER', 'OPS', 'TRAINER')")
	String mine(Model model) {
		NotificationManagement.Inbox inbox = notifications.inbox().orElse(null);
		model.addAttribute("hasProfile", inbox != null);
		model.addAttribute("learner", CurrentActor.require().roles().contains(Role.LEARNER));
		model.addAttribute("unread", inbox == null ? 0 : inbox.unread());
		model.addAttribute("items", inbox == null ? List.of() : inbox.items());
		model.addAttribute("pushKey",
				inbox != null && notifications.pushOn() ? notifications.pushKey().publicKey() : null);
		return "notification/mine";
	}

	/**
	 * The page's "Turn on notifications on this device": the browser's subscription,
	 * posted by /js/push.js with the session and its CSRF token. Not part of the API
	 * (hidden from its documentation): the API's own is
	 * {@code POST /api/v1/notifications/push-subscriptions}.
	 */
	@Hidden
	@PostMapping("/my/notifications/push-subscriptions")
	@ResponseBody
	@ResponseStatus(HttpStatus.CREATED)
	NotificationManagement.PushSubscriptionView subscribePush(@Valid @RequestBody PushSubscriptionRequest request) {
		return notifications.subscribePush(request.endpoint(), request.keys().p256dh(), request.keys().auth());
	}

	@PostMapping("/my/notifications/{id}/read")
	@PreAuthorize("hasAnyRole('LEARNER', 'OPS', 'TRAINER')")
	String read(@PathVariable UUID id) {
		notifications.markRead(id);
		return "redirect:/my/notifications";
	}

	/**
	 * The learner's preferences: {@code choices} holds {@code KIND:CHANNEL} for each
	 * ticked box; a contact whose fields are all blank is none.
	 */
	record PreferencesForm(@Nullable List<String> choices, @Nullable @Size(max = 200) String guardianName,
			@Nullable @Email @Size(max = 254) String guardianEmail, @Nullable @Size(max = 30) String guardianPhone,
			@Nullable Set<Channel> guardianChannels, @Nullable @Size(max = 200) String employerName,
			@Nullable @Email @Size(max = 254) String employerEmail, @Nullable @Size(max = 30) String employerPhone,
			@Nullable Set<Channel> employerChannels) {

		static PreferencesForm of(NotificationPreferences preferences) {
			List<String> choices = new ArrayList<>();
			preferences.channels()
				.forEach((kind, channels) -> channels.forEach(channel -> choices.add(kind + ":" + channel)));
			NotificationContact guardian = contact(preferences, NotificationContact.Role.GUARDIAN);
			NotificationContact employer = contact(preferences, NotificationContact.Role.EMPLOYER);
			return new PreferencesForm(choices, guardian == null ? "" : guardian.name(),
					guardian == null ? "" : guardian.email(), phone(guardian),
					guardian == null ? Set.of() : guardian.channels(), employer == null ? "" : employer.name(),
					employer == null ? "" : employer.email(), phone(employer),
					employer == null ? Set.of() : employer.channels());
		}

		private static @Nullable NotificationContact contact(NotificationPreferences preferences,
				NotificationContact.Role role) {
			return preferences.contacts().stream().filter(c -> c.role() == role).findFirst().orElse(null);
		}

		private static String phone(@Nullable NotificationContact contact) {
			return contact == null || contact.phone() == null ? "" : contact.phone();
		}

		Map<NotificationKind, Set<Channel>> channels() {
			Map<NotificationKind, Set<Channel>> channels = new EnumMap<>(NotificationKind.class);
			learnerKinds().forEach(kind -> channels.put(kind, EnumSet.noneOf(Channel.class)));
			for (String choice : choices == null ? List.<String>of() : choices) {
				String[] parts = choice.split(":", 2);
				try {
					NotificationKind kind = NotificationKind.valueOf(parts[0]);
					if (channels.containsKey(kind) && parts.length == 2) {
						channels.get(kind).add(Channel.valueOf(parts[1]));
					}
				}
				catch (IllegalArgumentException ex) {
					throw CohortException.invalidField("choices", "unknown choice " + choice);
				}
			}
			return channels;
		}

		/** The contacts given, each with the form field prefix its errors go to. */
		Map<String, NotificationContact> contacts(BindingResult errors) {
			Map<String, NotificationContact> contacts = new LinkedHashMap<>();
			contact("guardian", NotificationContact.Role.GUARDIAN, guardianName, guardianEmail, guardianPhone,
					guardianChannels, errors)
				.ifPresent(c -> contacts.put("guardian", c));
			contact("employer", NotificationContact.Role.EMPLOYER, employerName, employerEmail, employerPhone,
					employerChannels, errors)
				.ifPresent(c -> contacts.put("employer", c));
			return contacts;
		}

		private static java.util.Optional<NotificationContact> contact(String prefix, NotificationContact.Role role,
				@Nullable String name, @Nullable String email, @Nullable String phone, @Nullable Set<Channel> channels,
				BindingResult errors) {
			boolean given = !blank(name) || !blank(email) || !blank(phone) || (channels != null && !channels.isEmpty());
			if (!given) {
				return java.util.Optional.empty();
			}
			if (blank(name)) {
				errors.rejectValue(prefix + "Name", "required", "is required");
			}
			if (blank(email)) {
				errors.rejectValue(prefix + "Email", "required", "is required");
			}
			if (blank(name) || blank(email)) {
				return java.util.Optional.empty();
			}
			return java.util.Optional.of(new NotificationContact(role, name.strip(), email.strip(),
					blank(phone) ? null : phone.strip(), channels == null ? Set.of() : channels));
		}

		private static boolean blank(@Nullable String value) {
			return value == null || value.isBlank();
		}

	}

	@GetMapping("/my/notifications/preferences")
	@PreAuthorize("hasRole('LEARNER')")
	String preferences(Model model) {
		model.addAttribute("preferencesForm", PreferencesForm.of(notifications.myPreferences()));
		return renderPreferences(model);
	}

	@PostMapping("/my/notifications/preferences")
	@PreAuthorize("hasRole('LEARNER')")
	String savePreferences(@Valid @ModelAttribute("preferencesForm") PreferencesForm form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		Map<String, NotificationContact> contacts = form.contacts(errors);
		if (!errors.hasErrors()) {
			List<String> prefixes = List.copyOf(contacts.keySet());
			try {
				notifications.updateMyPreferences(form.channels(), List.copyOf(contacts.values()));
				redirect.addFlashAttribute("notice", "Your preferences are saved.");
				return "redirect:/my/notifications/preferences";
			}
			catch (CohortException ex) {
				FormErrors.reject(ex, errors, field -> contactField(prefixes, field));
			}
		}
		return renderPreferences(model);
	}

	/**
	 * {@code contacts[1].phone} → {@code employerPhone} when the second contact given is
	 * the employer.
	 */
	private static @Nullable String contactField(List<String> prefixes, String field) {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("contacts\\[(\\d+)]\\.(\\w+)").matcher(field);
		if (!m.matches() || Integer.parseInt(m.group(1)) >= prefixes.size()) {
			return null;
		}
		String property = m.group(2);
		return prefixes.get(Integer.parseInt(m.group(1))) + Character.toUpperCase(property.charAt(0))
				+ property.substring(1);
	}

	private String renderPreferences(Model model) {
		model.addAttribute("kinds", learnerKinds());
		model.addAttribute("channels", Channel.values());
		model.addAttribute("contactChannels", List.of(Channel.EMAIL, Channel.SMS));
		return "notification/preferences";
	}

	private static List<NotificationKind> learnerKinds() {
		return Arrays.stream(NotificationKind.values()).filter(kind -> !kind.staff()).toList();
	}

}
