package io.cohort.certification;

/**
 * Whether a certificate still certifies.
 */
public enum CertificateStatus {

	VALID, REVOKED

}
