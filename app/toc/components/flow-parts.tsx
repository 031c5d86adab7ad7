import {
  BaseEdge,
  type Edge,
  type EdgeProps,
  getBezierPath,
  Handle,
  type Node,
  type NodeProps,
  Position,
  type ReactFlowState,
  useStore,
} from "@xyflow/react";
import { memo } from "react";
import { pickText, useI18n } from "../../i18n/i18n";
import type { LayoutDirection } from "../../plan-graph/vocabulary";
import type { EditorElement, LinkKind } from "../editor-state";
import { OverlayLine, type OverlayValue } from "./overlay-line";

/**
 * The custom node and edge of the theory-of-change canvas. Both are memoised and read only their own props, so a
 * drag re-renders the node dragged, not the canvas (React Flow's advice for large graphs).
 */

export type TocNodeData = {
  element: EditorElement;
  overlay: OverlayValue | null;
  /** On a highlighted pathway (true), off it while one is shown (false), or no pathway shown (null). */
  highlighted: boolean | null;
  pinned: boolean;
};
export type TocFlowNode = Node<TocNodeData>;
export type TocEdgeData = { highlighted: boolean | null };
export type TocFlowEdge = Edge<TocEdgeData, LinkKind>;

/** Where links leave a node and where they arrive, for each layout direction (causes → effects). */
export const handleSides: Record<LayoutDirection, { source: Position; target: Position }> = {
  RIGHT: { source: Position.Right, target: Position.Left },
  LEFT: { source: Position.Left, target: Position.Right },
  DOWN: { source: Position.Bottom, target: Position.Top },
  UP: { source: Position.Top, target: Position.Bottom },
};

/**
 * Below this zoom a node's words are too small to read (under 5 px), so it is drawn as its kind's box with its code
 * only: a few elements instead of a dozen and no text to lay out, which keeps a canvas of a thousand nodes quick to
 * open and to move while all of it is in view. Its accessible name (on React Flow's wrapper) is the same.
 */
export const overviewZoom = 0.4;
export const isOverview = (state: ReactFlowState) => state.transform[2] < overviewZoom;

function TocNodeView({ id, data, sourcePosition, targetPosition }: NodeProps<TocFlowNode>) {
  const { t, locale } = useI18n();
  const overview = useStore(isOverview);
  // In the overview a node keeps the height it had in full, so links do not move when one zooms past the limit.
  const height = useStore((state) => (overview ? state.nodeLookup.get(id)?.measured.height : undefined));
  const { element, overlay, highlighted, pinned } = data;
  const title = pickText(element.title, locale);
  const classes = [
    "toc-node",
    `toc-node-${element.kind}`,
    `toc-node-status-${element.status}`,
    highlighted === true ? "is-highlighted" : highlighted === false ? "is-dimmed" : "",
    overview ? "toc-node-overview" : "",
  ].filter(Boolean);
  if (overview)
    return (
      <div className={classes.join(" ")} style={height ? { height } : undefined}>
        <Handle type="target" position={targetPosition ?? Position.Left} />
        <span className="code">{element.code}</span>
        <Handle type="source" position={sourcePosition ?? Position.Right} />
      </div>
    );
  return (
    <div className={classes.join(" ")}>
      <Handle type="target" position={targetPosition ?? Position.Left} />
      <p className="toc-node-head">
        <span className="toc-node-kind">{t(`kind.${element.kind}`)}</span>
        {element.level && <span className="toc-node-level">{t(`toc.editor.level.${element.level}`)}</span>}
        {pinned && (
          <span className="toc-node-pin" title={t("toc.editor.pinned")}>
            <span aria-hidden="true">📌</span>
            <span className="visually-hidden">{t("toc.editor.pinned")}</span>
          </span>
        )}
      </p>
      <p className="toc-node-title">
        <span className="code">{element.code}</span> <span lang={title.lang}>{title.text}</span>
      </p>
      {highlighted === true && (
        <p>
          <span className="toc-node-pathway">
            <span aria-hidden="true">★</span> {t("toc.editor.onPathway")}
          </span>
        </p>
      )}
      {element.status === "dropped" && <p className="toc-node-dropped">{t("status.dropped")}</p>}
      <OverlayLine overlay={overlay} compact />
      <Handle type="source" position={sourcePosition ?? Position.Right} />
    </div>
  );
}

export const TocNode = memo(TocNodeView);

function TocEdgeView({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  data,
  type,
}: EdgeProps<TocFlowEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const highlighted = data?.highlighted;
  const className = [
    "toc-edge",
    `toc-edge-${type}`,
    highlighted === true ? "is-highlighted" : highlighted === false ? "is-dimmed" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return <BaseEdge id={id} path={path} markerEnd={markerEnd} className={className} />;
}

export const TocEdge = memo(TocEdgeView);
