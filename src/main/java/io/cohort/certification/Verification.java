package io.cohort.certification;

import java.time.LocalDate;

/**
 * What public verification tells anyone holding a code, and nothing more.
 */
public record Verification(CertificateStatus status, String learnerName, String courseTitle, LocalDate issuedOn) {
}
