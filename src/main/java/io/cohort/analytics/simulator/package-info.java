/**
 * An in-repo stand-in for a tenant's MOOC export API and H5P reporting API (seed 004's
 * endpoints), with seeded synthetic cohorts whose dropout is driven by a known latent
 * engagement, pagination, and failure modes (5xx, slow answers, refused tokens).
 */
@NullMarked
package io.cohort.analytics.simulator;

import org.jspecify.annotations.NullMarked;
