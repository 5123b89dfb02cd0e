/**
 * Value types shared by every module: actor references, audit facts, masked identifiers.
 */
@NullMarked
package io.cohort.shared;

import org.jspecify.annotations.NullMarked;
