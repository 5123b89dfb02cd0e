package io.cohort.certification;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What public verification tells anyone holding a code, and nothing more: for a
 * certificate that was reissued, also the number of the certificate that replaced it.
 */
public record Verification(CertificateStatus status, String learnerName, String courseTitle, LocalDate issuedOn,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String replacedBy) {
}
