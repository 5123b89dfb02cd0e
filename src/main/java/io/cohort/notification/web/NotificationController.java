package io.cohort.notification.web;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cohort.notification.Channel;
import io.cohort.notification.NotificationContact;
import io.cohort.notification.NotificationDelivery;
import io.cohort.notification.NotificationKind;
import io.cohort.notification.NotificationManagement;
import io.cohort.notification.NotificationPreferences;
import io.cohort.notification.NotificationSettings;
import io.cohort.notification.NotificationStatus;
import io.cohort.notification.NotificationTemplate;
import io.cohort.shared.PageView;
import io.cohort.system.CohortException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Learner notifications over the API: a learner's own in-app messages and preferences,
 * the preferences of any learner (ADMIN, OPS), the tenant's settings (ADMIN) and the
 * delivery log (ADMIN, OPS).
 */
@RestController
class NotificationController {

	private final NotificationManagement notifications;

	NotificationController(NotificationManagement notifications) {
		this.notifications = notifications;
	}

	/**
	 * The channels per kind of message to set (kinds left out keep theirs) and, when
	 * given, the guardian and employer contacts that replace the current ones.
	 */
	record PreferencesRequest(@NotNull Map<NotificationKind, Set<Channel>> channels,
			@Nullable @Size(max = 2) List<@Valid @NotNull ContactRequest> contacts) {

		@Nullable List<NotificationContact> toContacts() {
			return contacts == null ? null
					: contacts.stream()
						.map(c -> new NotificationContact(c.role(), c.name().strip(), c.email().strip(),
								c.phone() == null || c.phone().isBlank() ? null : c.phone().strip(), c.channels()))
						.toList();
		}

	}

	/** A guardian or employer and the channels on which they hear of absences. */
	record ContactRequest(@NotNull NotificationContact.Role role, @NotBlank @Size(max = 200) String name,
			@NotBlank @Email @Size(max = 254) String email, @Nullable @Size(max = 30) String phone,
			@NotNull Set<@NotNull Channel> channels) {
	}

	/** The tenant's sender address and quiet hours (both ends, or neither). */
	record SettingsRequest(@Nullable @Email @Size(max = 254) String senderAddress, @Nullable LocalTime quietStart,
			@Nullable LocalTime quietEnd, @Nullable @Size(max = 2000) String webhookUrl,
			@Nullable Boolean rotateWebhookSecret) {
	}

	@GetMapping("/api/v1/notifications/me")
	@PreAuthorize("hasAnyRole('LEARNER', 'OPS', 'TRAINER')")
	NotificationManagement.Inbox mine() {
		return notifications.mine();
	}

	@PostMapping("/api/v1/notifications/{id}/read")
	@PreAuthorize("hasAnyRole('LEARNER', 'OPS', 'TRAINER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void read(@PathVariable UUID id) {
		notifications.markRead(id);
	}

	@GetMapping("/api/v1/notifications/push-key")
	@PreAuthorize("hasRole('LEARNER')")
	NotificationManagement.PushKey pushKey() {
		return notifications.pushKey();
	}

	@PostMapping("/api/v1/notifications/push-subscriptions")
	@PreAuthorize("hasRole('LEARNER')")
	@ResponseStatus(HttpStatus.CREATED)
	NotificationManagement.PushSubscriptionView subscribePush(@Valid @RequestBody PushSubscriptionRequest request) {
		return notifications.subscribePush(request.endpoint(), request.keys().p256dh(), request.keys().auth());
	}

	@DeleteMapping("/api/v1/notifications/push-subscriptions/{id}")
	@PreAuthorize("hasRole('LEARNER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unsubscribePush(@PathVariable UUID id) {
		notifications.unsubscribePush(id);
	}

	@GetMapping("/api/v1/notifications/deliveries")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	PageView<NotificationDelivery> deliveries(@RequestParam(required = false) @Nullable NotificationStatus status,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
		return notifications.deliveries(status, page, size);
	}

	@GetMapping("/api/v1/learners/me/notification-preferences")
	@PreAuthorize("hasRole('LEARNER')")
	NotificationPreferences myPreferences() {
		return notifications.myPreferences();
	}

	@PutMapping("/api/v1/learners/me/notification-preferences")
	@PreAuthorize("hasRole('LEARNER')")
	NotificationPreferences updateMyPreferences(@Valid @RequestBody PreferencesRequest request) {
		return notifications.updateMyPreferences(request.channels(), request.toContacts());
	}

	@GetMapping("/api/v1/learners/{id}/notification-preferences")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	NotificationPreferences preferences(@PathVariable UUID id) {
		return notifications.preferences(id);
	}

	@PutMapping("/api/v1/learners/{id}/notification-preferences")
	@PreAuthorize("hasAnyRole('ADMIN', 'OPS')")
	NotificationPreferences updatePreferences(@PathVariable UUID id, @Valid @RequestBody PreferencesRequest request) {
		return notifications.updatePreferences(id, request.channels(), request.toContacts());
	}

	/** A kind's template: subject, text and, optionally, HTML. */
	record TemplateRequest(@NotBlank @Size(max = 300) String subject, @NotBlank @Size(max = 10000) String text,
			@Nullable @Size(max = 20000) String html) {
	}

	@GetMapping("/api/v1/settings/notifications/templates/{kind}")
	@PreAuthorize("hasRole('ADMIN')")
	NotificationTemplate template(@PathVariable NotificationKind kind) {
		return notifications.template(kind);
	}

	@PutMapping("/api/v1/settings/notifications/templates/{kind}")
	@PreAuthorize("hasRole('ADMIN')")
	NotificationTemplate updateTemplate(@PathVariable NotificationKind kind,
			@Valid @RequestBody TemplateRequest request) {
		return notifications.updateTemplate(kind, request.subject(), request.text(), request.html());
	}

	@PostMapping("/api/v1/settings/notifications/templates/{kind}/preview")
	@PreAuthorize("hasRole('ADMIN')")
	NotificationManagement.Preview preview(@PathVariable NotificationKind kind,
			@Valid @RequestBody TemplateRequest request) {
		return notifications.preview(kind, request.subject(), request.text(), request.html());
	}

	@GetMapping("/api/v1/settings/notifications")
	@PreAuthorize("hasRole('ADMIN')")
	NotificationSettings settings() {
		return notifications.settings();
	}

	@PutMapping("/api/v1/settings/notifications")
	@PreAuthorize("hasRole('ADMIN')")
	NotificationSettings updateSettings(@Valid @RequestBody SettingsRequest request) {
		if ((request.quietStart() == null) != (request.quietEnd() == null)) {
			throw CohortException.invalidField("quiet_end", "must be given with quiet_start, or neither");
		}
		return notifications
			.updateSettings(new NotificationManagement.SettingsChange(request.senderAddress(), request.quietStart(),
					request.quietEnd(), request.webhookUrl(), Boolean.TRUE.equals(request.rotateWebhookSecret())));
	}

}
