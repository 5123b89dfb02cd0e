package io.cohort.learners;

import io.cohort.IntegrationTest;
import io.cohort.identity.CohortPrincipal;
import io.cohort.identity.Role;
import io.cohort.identity.TenantManagement;
import io.cohort.shared.IdType;
import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;
import io.cohort.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A learner registered without a national id (from the CRM, id type "other") is kept with
 * an empty masked id, and an ADMIN's reveal answers that there is none yet rather than
 * failing.
 */
class LearnerWithoutNationalIdIntegrationTests extends IntegrationTest {

	@Autowired
	TenantManagement tenantManagement;

	@Autowired
	LearnerManagement learners;

	@Test
	void aLearnerWithoutANationalIdHasNoneToReveal() {
		CohortPrincipal admin = new Tenants(tenantManagement).create("noid").as(Role.ADMIN);
		LearnerView learner = Tenants.as(admin, () -> learners.register(new LearnerManagement.NewLearner("No Id Yet",
				"noid@example.com", null, IdType.OT, null, null, true, null)));

		assertThat(learner.nationalIdMasked()).isEmpty();
		assertThatThrownBy(() -> Tenants.as(admin, () -> learners.revealNationalId(learner.id())))
			.isInstanceOfSatisfying(CohortException.class,
					ex -> assertThat(ex.code()).isEqualTo(ProblemCode.NO_NATIONAL_ID));
	}

}
