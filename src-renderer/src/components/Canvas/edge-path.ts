/** Paths of the canvas' edges: a curve forwards, and a route around the cards backwards. */

import { getBezierPath, getSmoothStepPath, type Position } from '@xyflow/svelte';

export interface EdgeEnds {
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
}

/** Top and bottom of a node card in canvas pixels. */
export interface CardSpan {
  top: number;
  bottom: number;
}

/** Clearance between a card and an edge that runs past it, in canvas pixels. */
const CLEARANCE = 40;
/** Below a handle, where a backward edge runs when a card's size is not measured yet. */
const UNMEASURED_DROP = 110;

/**
 * Returns the SVG path of an edge and the point for its label. An edge whose target is left
 * of its source would curve back through both cards, so it runs in right angles instead:
 * through the gap between the two cards when one is above the other, else below both.
 */
export function edgePath(ends: EdgeEnds, source: CardSpan | null, target: CardSpan | null): [string, number, number] {
  if (ends.targetX >= ends.sourceX) {
    const [path, labelX, labelY] = getBezierPath(ends);
    return [path, labelX, labelY];
  }

  const [path, labelX, labelY] = getSmoothStepPath({
    ...ends,
    borderRadius: 12,
    offset: CLEARANCE / 2,
    centerY: backwardRouteY(ends, source, target),
  });
  return [path, labelX, labelY];
}

function backwardRouteY(ends: EdgeEnds, source: CardSpan | null, target: CardSpan | null): number {
  if (source === null || target === null) return Math.max(ends.sourceY, ends.targetY) + UNMEASURED_DROP;

  if (target.top - source.bottom >= CLEARANCE) return (source.bottom + target.top) / 2;
  if (source.top - target.bottom >= CLEARANCE) return (target.bottom + source.top) / 2;
  return Math.max(source.bottom, target.bottom) + CLEARANCE;
}
