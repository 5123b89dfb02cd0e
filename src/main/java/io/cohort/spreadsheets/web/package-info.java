/**
 * The spreadsheet endpoints: the import and export API, and the imports pages with their
 * downloads.
 */
@NullMarked
package io.cohort.spreadsheets.web;

import org.jspecify.annotations.NullMarked;
