/**
 * The web shell: layout, login, the role-aware home page, error pages. Feature pages live
 * in their module's {@code web} package.
 */
@NullMarked
package io.cohort.ui;

import org.jspecify.annotations.NullMarked;
