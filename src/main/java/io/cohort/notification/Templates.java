package io.cohort.notification;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

/**
 * The default subject, text and HTML of each kind of message, with {@code {placeholders}}
 * filled in: as they are in the text, HTML-escaped in the HTML. Values never include a
 * national id.
 */
final class Templates {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

	private record Template(String subject, String text) {
	}

	private static final Map<NotificationKind, Template> DEFAULTS = Map.ofEntries(
			Map.entry(NotificationKind.ENROLMENT_CONFIRMED, new Template("Enrolment confirmed: {course}", """
					Dear {name},

					Your seat in {course} ({run}), starting {start}, is confirmed.""")),
			Map.entry(NotificationKind.ENROLMENT_WAITLISTED, new Template("Waitlisted: {course}",
					"""
							Dear {name},

							{course} ({run}) is full: you are number {position} on its waitlist. We will tell you if a seat frees up.""")),
			Map.entry(NotificationKind.WAITLIST_PROMOTED, new Template("A seat is yours: {course}", """
					Dear {name},

					A seat freed up in {course} ({run}), starting {start}: you are now enrolled.""")),
			Map.entry(NotificationKind.ENROLMENT_WITHDRAWN, new Template("Withdrawn: {course}", """
					Dear {name},

					You are no longer enrolled in {course} ({run}).""")),
			Map.entry(NotificationKind.ABSENCE_RECORDED, new Template("Marked absent: {course} on {date}",
					"""
							Dear {name},

							You were marked absent from the session of {course} ({run}) on {date}. If this is wrong, please contact your training provider.""")),
			Map.entry(NotificationKind.ATTENDANCE_BELOW_THRESHOLD, new Template(
					"Attendance below {threshold}%: {course}",
					"""
							Dear {name},

							Your attendance in {course} ({run}) is {rate}% of the hours marked so far, below the {threshold}% needed for your certificate and funding. Please attend the remaining sessions.""")),
			Map.entry(NotificationKind.ATTENDANCE_THRESHOLD_UNREACHABLE, new Template(
					"Attendance can no longer reach {threshold}%: {course}",
					"""
							Dear {name},

							Even attending every remaining session of {course} ({run}), your attendance can no longer reach the {threshold}% needed for your certificate and funding. Please contact your training provider.""")),
			Map.entry(NotificationKind.CERTIFICATE_ISSUED, new Template("Certificate issued: {course}", """
					Dear {name},

					Congratulations: you completed {course} ({run}). Your certificate number is {number}.""")),
			Map.entry(NotificationKind.COMPLIANCE_DEADLINE_DUE_SOON,
					new Template("Deadline due soon: {deadline} for {run}", """
							Dear {name},

							The {deadline} deadline of run {run} is due on {due}.""")),
			Map.entry(NotificationKind.COMPLIANCE_DEADLINE_OVERDUE,
					new Template("Deadline missed: {deadline} for {run}", """
							Dear {name},

							The {deadline} deadline of run {run} passed on {due} and is not met.""")),
			Map.entry(NotificationKind.DEAD_LETTER, new Template("Dead letter: {operation} of {entity}",
					"""
							Dear {name},

							The {operation} of {entity} gave up and is a dead letter: {error}. Retry or cancel it from the jobs page.""")),
			Map.entry(NotificationKind.JOB_PAST_DEADLINE, new Template("Deadline at risk: {operation} of {entity}",
					"""
							Dear {name},

							The {operation} of {entity} keeps failing: its next try, at {next}, falls after its deadline, {deadline}. Act from the jobs page before the deadline is missed.""")),
			Map.entry(NotificationKind.LEARNER_AT_RISK, new Template("Learner at risk: {learner} in {run}",
					"""
							Dear {name},

							{learner} may be drifting away from {course} ({run}): a dropout risk of {risk}% ({model}). Why: {reasons}. See the run's analytics page.""")));

	/** What a learner's guardian or employer ({contact}) is told. */
	private static final Map<NotificationKind, Template> CONTACT_DEFAULTS = Map
		.of(NotificationKind.ABSENCE_RECORDED, new Template("{name} marked absent: {course} on {date}",
				"""
						Dear {contact},

						{name} was marked absent from the session of {course} ({run}) on {date}. If this is wrong, please contact the training provider."""));

	private Templates() {
	}

	static Message render(NotificationKind kind, Map<String, String> values) {
		return render(DEFAULTS.get(kind), values);
	}

	/** The built-in template of a kind. */
	static NotificationTemplate defaultOf(NotificationKind kind) {
		Template template = DEFAULTS.get(kind);
		return new NotificationTemplate(kind, template.subject(), template.text(), null, false);
	}

	/**
	 * Renders a tenant's template: values as they are in the subject and text,
	 * HTML-escaped in the HTML (never raw).
	 */
	static Message render(NotificationTemplate template, Map<String, String> values) {
		if (template.html() == null) {
			return render(new Template(template.subject(), template.text()), values);
		}
		return new Message(fill(template.subject(), values, false).replace('\n', ' '),
				fill(template.text(), values, false), fill(template.html(), values, true));
	}

	/** Values that show what a template looks like, for a preview. */
	static Map<String, String> sample() {
		return Map.ofEntries(Map.entry("name", "Tan Ah Kow"), Map.entry("contact", "Tan Mei Ling"),
				Map.entry("course", "Workplace Safety Essentials"), Map.entry("run", "WSE-2027-01"),
				Map.entry("start", "2027-01-11"), Map.entry("date", "2027-01-12"), Map.entry("position", "3"),
				Map.entry("rate", "62.5"), Map.entry("threshold", "75"), Map.entry("number", "ACME-2027-000042"),
				Map.entry("deadline", "attendance submitted"), Map.entry("due", "2027-02-01"),
				Map.entry("operation", "ENROLMENT_CREATE"), Map.entry("entity", "enrolment 42"),
				Map.entry("error", "HTTP 503"), Map.entry("learner", "Lim Bee Hoon"), Map.entry("risk", "72"),
				Map.entry("model", "baseline-1"),
				Map.entry("reasons", "no activity for 9 days; watched 12% of the videos"));
	}

	/** The message to a learner's guardian or employer about the learner. */
	static Message renderForContact(NotificationKind kind, Map<String, String> values) {
		return render(CONTACT_DEFAULTS.get(kind), values);
	}

	private static Message render(Template template, Map<String, String> values) {
		String subject = fill(template.subject(), values, false).replace('\n', ' ');
		String text = fill(template.text(), values, false);
		String html = "<html><body><p>" + fill(template.text(), values, true).replace("\n\n", "</p><p>")
				+ "</p></body></html>";
		return new Message(subject, text, html);
	}

	private static String fill(String template, Map<String, String> values, boolean escape) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = values.getOrDefault(matcher.group(1), "");
			matcher.appendReplacement(out, Matcher.quoteReplacement(escape ? HtmlUtils.htmlEscape(value) : value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
