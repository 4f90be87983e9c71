/**
 * Maps a path in the parsed plan (`['stages', 0, 'regions', 1]`) back to a place in the YAML
 * source, so every diagnostic can say `file:line:col`. The document keeps its nodes' source
 * ranges; the LineCounter turns offsets into 1-based lines and columns.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { SourcePos } from './types.js';

export type PathSegment = string | number;

/** A place in the source: start and (when known) end. */
export interface SourceSpan extends SourcePos {
  endLine?: number;
  endCol?: number;
  /** Offset of the start in the source text. */
  offset: number;
}

interface Found {
  /** The node at the path (undefined when the path ends at a missing key). */
  node?: Node | undefined;
  /** The key node when the last segment is a map key. */
  key?: Node | undefined;
  /** The deepest existing ancestor (the node itself when found). */
  nearest: Node | undefined;
}

/** Finds source positions for paths in one parsed YAML document. */
export class PositionIndex {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** The source text, to locate a substring (e.g. one `{{ }}` in a scalar). */
    readonly text: string,
  ) {}

  private find(path: readonly PathSegment[]): Found {
    let current: Node | undefined = (this.doc.contents ?? undefined) as Node | undefined;
    let key: Node | undefined;
    let nearest = current;
    for (const seg of path) {
      current = this.deref(current);
      key = undefined;
      if (isMap(current)) {
        const pair = current.items.find((p: Pair) => keyText(p.key) === String(seg));
        if (!pair) return { nearest: current };
        key = (pair.key ?? undefined) as Node | undefined;
        nearest = current;
        current = (pair.value ?? undefined) as Node | undefined;
        if (current === undefined) return { key, nearest: key ?? nearest };
      } else if (isSeq(current) && typeof seg === 'number') {
        const item = current.items[seg] as Node | undefined;
        if (!item) return { nearest: current };
        current = item;
      } else {
        return { nearest: current ?? nearest };
      }
      nearest = current;
    }
    return { node: current, key, nearest: current };
  }

  private deref(node: Node | undefined): Node | undefined {
    // Aliases point at an anchored node elsewhere; follow them so paths through `*ref` resolve.
    if (node && isAlias(node)) return (node.resolve(this.doc) ?? undefined) as Node | undefined;
    return node;
  }

  private span(node: Node | undefined): SourceSpan {
    const range = node?.range;
    if (!range) return { line: 1, col: 1, offset: 0 };
    const start = this.lines.linePos(range[0]);
    const end = this.lines.linePos(range[1]);
    return { line: start.line, col: start.col, endLine: end.line, endCol: end.col, offset: range[0] };
  }

  /** Position of the value at `path`, or of its nearest existing ancestor. */
  value(path: readonly PathSegment[]): SourceSpan {
    const f = this.find(path);
    return this.span(f.node ?? f.key ?? f.nearest);
  }

  /** Position of the map key that ends `path` (falls back to the value, then the nearest ancestor). */
  key(path: readonly PathSegment[]): SourceSpan {
    const f = this.find(path);
    return this.span(f.key ?? f.node ?? f.nearest);
  }

  /** Position of the map that should hold `path`'s last key (for "missing key" errors). */
  parent(path: readonly PathSegment[]): SourceSpan {
    if (path.length === 0) return this.value(path);
    const parentPath = path.slice(0, -1);
    const f = this.find(parentPath);
    // A missing key belongs to the map; point at the map's own key when it has one, which is
    // where a reader looks ("deploy:" rather than the first line inside it).
    return this.span(f.key ?? f.node ?? f.nearest);
  }

  /**
   * Position of `needle` inside the scalar at `path`, when the scalar's source contains it
   * verbatim (plain or simply quoted); else the scalar's own position.
   */
  within(path: readonly PathSegment[], needle: string): SourceSpan {
    const f = this.find(path);
    const node = f.node;
    const base = this.span(node ?? f.nearest);
    if (!node || !isScalar(node) || !node.range) return base;
    const source = this.text.slice(node.range[0], node.range[1]);
    const at = source.indexOf(needle);
    if (at < 0) return base;
    const start = this.lines.linePos(node.range[0] + at);
    const end = this.lines.linePos(node.range[0] + at + needle.length);
    return { line: start.line, col: start.col, endLine: end.line, endCol: end.col, offset: node.range[0] + at };
  }

  /** Position of a raw source offset. */
  at(offset: number): SourcePos {
    return this.lines.linePos(Math.max(0, Math.min(offset, this.text.length)));
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return undefined;
  return String(key);
}
