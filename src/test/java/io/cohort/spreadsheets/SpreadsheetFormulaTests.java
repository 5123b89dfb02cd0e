package io.cohort.spreadsheets;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an export does to a value a spreadsheet would take for a formula, as plain logic.
 */
class SpreadsheetFormulaTests {

	@Test
	void guardsEveryValueASpreadsheetWouldTakeForAFormula() {
		assertThat(List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "plain", "", "a=b"))
			.map(ExportManagement::safe)
			.containsExactly("'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "plain", "", "a=b");
	}

}
