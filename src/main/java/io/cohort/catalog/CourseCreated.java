package io.cohort.catalog;

import java.util.UUID;

/**
 * A course was added to a tenant's catalogue.
 */
public record CourseCreated(UUID tenantId, UUID courseId, String code) {
}
