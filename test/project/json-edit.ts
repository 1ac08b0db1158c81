/** Edits parsed JSON in tests without giving up type checks. */

type JsonContainer = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is JsonContainer {
  return typeof value === 'object' && value !== null;
}

/** Splits `graph.nodes[1].params` into ['graph', 'nodes', 1, 'params']. */
function splitPath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Returns a deep copy of `json` with the value at `path` replaced, or removed when
 * `value` is undefined. Throws when the path does not lead to an object or array.
 */
export function withValue(json: unknown, path: string, value: unknown): unknown {
  const copy: unknown = structuredClone(json);
  const parts = splitPath(path);
  let parent: unknown = copy;
  for (const part of parts.slice(0, -1)) {
    if (!isContainer(parent)) throw new Error(`withValue: ${path} does not lead to an object.`);
    parent = Array.isArray(parent) ? parent[Number(part)] : parent[String(part)];
  }
  if (!isContainer(parent)) throw new Error(`withValue: ${path} does not lead to an object.`);

  const last = parts[parts.length - 1];
  if (Array.isArray(parent)) {
    parent[Number(last)] = value;
  } else if (value === undefined) {
    delete parent[String(last)];
  } else {
    parent[String(last)] = value;
  }
  return copy;
}

/** Applies several `withValue` edits in order. */
export function withValues(json: unknown, edits: Record<string, unknown>): unknown {
  return Object.entries(edits).reduce((current, [path, value]) => withValue(current, path, value), json);
}
