/** Placement of a node added by a palette click: right of the last node, in rows. */

/** Width of a node card in canvas pixels, as LayerNode's style sets it. */
const NODE_WIDTH = 200;
/** Space between two cards in a row: room for an edge's shape label such as '[N, 16]'. */
const COLUMN_GAP = 130;
/** Distance between rows; a card with a three-line problem message is about 150 px tall. */
const ROW_SPACING = 220;
/** Nodes in a row before placement starts the next one, so that the fitted view stays large. */
export const NODES_PER_ROW = 3;

export const COLUMN_SPACING = NODE_WIDTH + COLUMN_GAP;

interface Positioned {
  position: { x: number; y: number };
}

/**
 * Returns the position for a node added by click: one column right of the last node, or
 * the start of the next row once the row contains `NODES_PER_ROW` nodes. A position taken by
 * another card moves down a row. Returns null for an empty canvas.
 */
export function placeNextNode(nodes: readonly Positioned[]): { x: number; y: number } | null {
  const last = nodes.at(-1);
  if (last === undefined) return null;

  const rowStart = Math.min(...nodes.map((node) => node.position.x));
  const rowEnd = rowStart + (NODES_PER_ROW - 1) * COLUMN_SPACING;
  const next = { x: last.position.x + COLUMN_SPACING, y: last.position.y };
  if (next.x > rowEnd) {
    next.x = rowStart;
    next.y += ROW_SPACING;
  }

  const overlaps = (node: Positioned): boolean =>
    Math.abs(node.position.x - next.x) < COLUMN_SPACING && Math.abs(node.position.y - next.y) < ROW_SPACING;
  while (nodes.some(overlaps)) next.y += ROW_SPACING;
  return next;
}
