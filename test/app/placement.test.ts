/** Placement of nodes added by a palette click: right of the last node, in rows. */

import { describe, expect, test } from 'vitest';
import { COLUMN_SPACING, NODES_PER_ROW, placeNextNode } from '../../src-renderer/src/lib/editor/placement';

/** Adds `count` nodes the way palette clicks do, starting at (100, 50). */
function placeNodes(count: number): { position: { x: number; y: number } }[] {
  const nodes = [{ position: { x: 100, y: 50 } }];
  while (nodes.length < count) {
    const position = placeNextNode(nodes);
    if (position === null) throw new Error('a canvas with nodes got no position');
    nodes.push({ position });
  }
  return nodes;
}

describe('placeNextNode', () => {
  test('empty canvas gets no position', () => {
    expect(placeNextNode([])).toBeNull();
  });

  test('nodes leave room for edge labels', () => {
    const nodes = placeNodes(NODES_PER_ROW);

    expect(nodes.map((node) => node.position.y)).toEqual(new Array(NODES_PER_ROW).fill(50));
    expect(nodes[1].position.x - nodes[0].position.x).toBe(COLUMN_SPACING);
    expect(COLUMN_SPACING - 200).toBeGreaterThanOrEqual(120);
  });

  test('full row wraps to the next one', () => {
    const nodes = placeNodes(NODES_PER_ROW + 2);
    const next = nodes[NODES_PER_ROW].position;

    expect(next.x).toBe(100);
    expect(next.y).toBeGreaterThan(50);
    expect(nodes[NODES_PER_ROW + 1].position).toEqual({ x: 100 + COLUMN_SPACING, y: next.y });
  });

  test('taken position moves down a row', () => {
    const nodes = [{ position: { x: 0, y: 0 } }, { position: { x: COLUMN_SPACING + 20, y: 10 } }];
    nodes.push({ position: { x: 0, y: 5 } });

    const next = placeNextNode(nodes);

    expect(next?.x).toBe(COLUMN_SPACING);
    expect(next?.y).toBeGreaterThanOrEqual(5 + 200);
  });
});
