/**
 * A practitioner's time is cut into 5-minute cells numbered from the Unix epoch. A reservation
 * occupies every cell its treatment and the buffer after it touch, [start, end + buffer);
 * the database refuses a second owner of a cell, which is what makes double booking impossible.
 */
export const CELL_MINUTES = 5;
const CELL_MS = CELL_MINUTES * 60_000;

export function cellsOf(start: Date, endWithBuffer: Date): number[] {
  const first = Math.floor(start.getTime() / CELL_MS);
  const last = Math.ceil(endWithBuffer.getTime() / CELL_MS) - 1;
  const cells: number[] = [];
  for (let cell = first; cell <= last; cell++) cells.push(cell);
  return cells;
}

/** Whether any cell from `start` to `endWithBuffer` (the cells `cellsOf` gives) is in `taken`; without building the list, as a slot query asks it for every slot. */
export function anyTaken(taken: Set<number>, start: Date, endWithBuffer: Date): boolean {
  const last = Math.ceil(endWithBuffer.getTime() / CELL_MS) - 1;
  for (let cell = Math.floor(start.getTime() / CELL_MS); cell <= last; cell++) if (taken.has(cell)) return true;
  return false;
}

export const cellStart = (cell: number): Date => new Date(cell * CELL_MS);

export const cellAt = (instant: Date): number => Math.floor(instant.getTime() / CELL_MS);
