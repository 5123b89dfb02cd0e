/**
 * Certification: the tenant's eligibility policy, certificates issued (and revoked)
 * automatically as attendance and assessment results change, the certificate PDF, and
 * public verification by code.
 */
@NullMarked
package io.cohort.certification;

import org.jspecify.annotations.NullMarked;
