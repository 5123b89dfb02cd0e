// The gradebook grid: arrow keys move between cells, Enter moves down, as in a spreadsheet;
// typing a letter picks a result (C, N, E). Without this script the grid is a plain form.
document.addEventListener("keydown", function (event) {
	var cell = event.target;
	if (!cell.matches || !cell.matches("table.gradebook select") || event.altKey) {
		return;
	}
	var moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0] };
	var move = moves[event.key];
	if (!move) {
		return;
	}
	event.preventDefault();
	var row = Number(cell.dataset.row) + move[0];
	var col = Number(cell.dataset.col) + move[1];
	var next = document.querySelector("table.gradebook select[data-row='" + row + "'][data-col='" + col + "']");
	if (next) {
		next.focus();
	}
});
