import "@xyflow/react/dist/style.css";
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  getViewportForBounds,
  MarkerType,
  MiniMap,
  type NodeChange,
  type OnBeforeDelete,
  Position,
  ReactFlow,
  ReactFlowProvider,
  type Rect,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type Viewport,
} from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { type Dispatch, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { type Locale, pickText, type Translate, useI18n } from "../../i18n/i18n";
import { elementKinds, type LayoutDirection } from "../../plan-graph/vocabulary";
import type { EditorAction, EditorDoc, EditorState, LinkKind } from "../editor-state";
import type { NodeOverlay } from "../overlay.server";
import {
  handleSides,
  isOverview,
  overviewZoom,
  TocEdge,
  type TocFlowEdge,
  type TocFlowNode,
  TocNode,
  type TocNodeData,
} from "./flow-parts";
import { defaultNodeSize } from "./layout";
import { layOut, warmUpLayout } from "./layout-engine";

/**
 * The React Flow drawing of a canvas: loaded only in the browser (a dynamic import from the editor page), so other
 * routes do not ship React Flow. Every change it reports — drags, arrow-key moves, selection, connections, the
 * Delete key — goes to the editor's reducer (app/toc/editor-state.ts), which is what it draws from.
 */

// One type per kind (`toc-output`, …: React Flow styles its own `output` type).
const nodeTypes = Object.fromEntries(elementKinds.map((kind) => [`toc-${kind}`, TocNode]));
const edgeTypes = { contributes_to: TocEdge, precondition_of: TocEdge, part_of: TocEdge };
/** Fitting the view never zooms in past 100 %: a small canvas stays at its real size. */
const fitViewOptions = { padding: 0.1, maxZoom: 1 };
const zoomLimits = { min: 0.05, max: 2 };
const markerColours: Record<LinkKind, string> = {
  contributes_to: "#1f5f99",
  precondition_of: "#7a4d00",
  part_of: "#6b7280",
};

/** The User Timing mark set when the canvas is first interactive. */
export const interactiveMark = "toc:interactive";
/** The User Timing measure of each auto-layout's time in elkjs. */
export const layoutMeasure = "toc:layout";

/** The zoom a canvas too large to be read whole opens at (and comes back to after an auto-layout). */
const readableZoom = 0.8;
type OpeningView = { viewport: Viewport; fit: boolean };

/**
 * The whole drawing fitted to the section when it can be read so; otherwise its beginning (top left) at a readable
 * zoom, with the rest one "fit view" away. A thousand nodes fitted are a grey weave nobody can read, and drawing
 * them all is most of the time it takes such a canvas to open.
 */
function openingView(bounds: Rect, box: { width: number; height: number }): OpeningView {
  const fitted = getViewportForBounds(
    bounds,
    box.width,
    box.height,
    zoomLimits.min,
    fitViewOptions.maxZoom,
    fitViewOptions.padding,
  );
  if (fitted.zoom >= overviewZoom) return { viewport: fitted, fit: true };
  const margin = 24;
  return {
    viewport: {
      x: margin - bounds.x * readableZoom,
      y: margin - bounds.y * readableZoom,
      zoom: readableZoom,
    },
    fit: false,
  };
}

/** What the editor page can ask of the drawing. */
export type CanvasApi = {
  /** Lays out the unpinned nodes (elkjs, in a Web Worker); resolves with how long elkjs took. */
  layout: (direction: LayoutDirection) => Promise<{ milliseconds: number; inWorker: boolean } | null>;
  exportImage: (format: "svg" | "png", fileName: string) => Promise<void>;
  /** Brings a node into view and gives it the keyboard focus. */
  focusNode: (key: string) => void;
  /** Where a new node can go: the middle of what is in view. */
  centre: () => { x: number; y: number };
};

export type CanvasProps = {
  state: EditorState;
  dispatch: Dispatch<EditorAction>;
  overlay: Readonly<Record<string, NodeOverlay>>;
  /** Elements of the pathways shown, and their links as `from→to`; null when none is shown. */
  highlight: { nodes: ReadonlySet<string>; links: ReadonlySet<string> } | null;
  editable: boolean;
  connectKind: LinkKind;
  label: string;
  onApi: (api: CanvasApi | null) => void;
};

export default function TocCanvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <Flow {...props} />
    </ReactFlowProvider>
  );
}

type Size = { width: number; height: number };

function Flow({ state, dispatch, overlay, highlight, editable, connectKind, label, onApi }: CanvasProps) {
  const { t, locale } = useI18n();
  const doc = state.present;
  const direction = doc.settings.layoutDirection;
  const flow = useReactFlow<TocFlowNode, TocFlowEdge>();
  const initialised = useNodesInitialized();
  const updateNodeInternals = useUpdateNodeInternals();
  const container = useRef<HTMLElement>(null);
  // React Flow measures nodes; a controlled canvas must hand the sizes back with its nodes (`measured`).
  const [sizes, setSizes] = useState<Record<string, Size>>({});

  // Callbacks read the latest state through a ref, so they stay the same functions from render to render.
  const latest = useRef({ state, connectKind, sizes });
  latest.current = { state, connectKind, sizes };

  const nodes = useFlowNodes(doc, state.selectedNodes, overlay, highlight, sizes, direction, t, locale);
  // Which links are drawn depends on which nodes are, not on where: keyed on the set of nodes, the links keep the
  // same array through a drag, and React Flow does not index 1,500 of them again at every move.
  const nodeSet = Object.keys(doc.nodes).join("\n");
  const drawn = useMemo(() => new Set(nodeSet ? nodeSet.split("\n") : []), [nodeSet]);
  const edges = useFlowEdges(doc, drawn, state.selectedLinks, highlight, t);

  // Handles move to other sides when the direction changes: React Flow must measure them again.
  const sides = useRef(direction);
  useEffect(() => {
    if (sides.current === direction) return;
    sides.current = direction;
    updateNodeInternals(Object.keys(latest.current.state.present.nodes));
  }, [direction, updateNodeInternals]);

  const onNodesChange = useCallback(
    (changes: NodeChange<TocFlowNode>[]) => {
      const current = latest.current.state;
      const moves: { key: string; x: number; y: number }[] = [];
      let dragging = false;
      let selection: Set<string> | null = null;
      let measured: Record<string, Size> | null = null;
      for (const change of changes) {
        if (change.type === "position" && change.position) {
          moves.push({ key: change.id, ...change.position });
          dragging ||= change.dragging === true;
        } else if (change.type === "select") {
          selection ??= new Set(current.selectedNodes);
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        } else if (change.type === "dimensions" && change.dimensions) {
          measured ??= {};
          measured[change.id] = change.dimensions;
        }
      }
      if (measured) {
        const update = measured;
        setSizes((before) => ({ ...before, ...update }));
      }
      if (moves.length && editable) dispatch({ type: "moveNodes", moves, dragging });
      if (selection)
        dispatch({ type: "select", nodes: [...selection], links: latest.current.state.selectedLinks });
    },
    [dispatch, editable],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<TocFlowEdge>[]) => {
      let selection: Set<string> | null = null;
      for (const change of changes) {
        if (change.type !== "select") continue;
        selection ??= new Set(latest.current.state.selectedLinks);
        if (change.selected) selection.add(change.id);
        else selection.delete(change.id);
      }
      if (selection)
        dispatch({ type: "select", nodes: latest.current.state.selectedNodes, links: [...selection] });
    },
    [dispatch],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      dispatch({
        type: "addLink",
        link: {
          kind: latest.current.connectKind,
          from: connection.source,
          to: connection.target,
          rationale: null,
          evidenceStrength: null,
          evidenceLinks: null,
        },
      });
    },
    [dispatch],
  );

  // The Delete key takes the selected nodes off the canvas (they stay in the plan) and deletes the selected
  // links; React Flow itself removes nothing (the reducer does, so undo sees it).
  const onBeforeDelete = useCallback<OnBeforeDelete<TocFlowNode, TocFlowEdge>>(
    async ({ nodes: removed }) => {
      const current = latest.current.state;
      if (removed.length) dispatch({ type: "removeNodes", keys: removed.map((node) => node.id) });
      else if (current.selectedLinks.length) dispatch({ type: "deleteLinks", keys: current.selectedLinks });
      return false;
    },
    [dispatch],
  );

  const api = useMemo<CanvasApi>(
    () => ({
      layout: async (layoutDirection) => {
        const present = latest.current.state.present;
        const measuredSizes = latest.current.sizes;
        const request = {
          direction: layoutDirection,
          nodes: Object.entries(present.nodes).map(([id, node]) => ({
            id,
            ...(measuredSizes[id] ?? defaultNodeSize),
            x: node.x,
            y: node.y,
            pinned: node.pinned,
          })),
          edges: Object.values(present.links)
            .filter((link) => present.nodes[link.from] && present.nodes[link.to])
            .map((link) => ({ id: link.key, source: link.from, target: link.to })),
        };
        if (request.nodes.length === 0) return null;
        const result = await layOut(request);
        // A User Timing measure of elkjs's time, as the browser's performance panel and `npm run bench:toc` read it.
        performance.measure(layoutMeasure, { end: performance.now(), duration: result.milliseconds });
        dispatch({ type: "applyLayout", positions: result.positions });
        requestAnimationFrame(() => {
          const box = container.current?.getBoundingClientRect();
          const view = box && openingView(flow.getNodesBounds(flow.getNodes()), box);
          if (view && !view.fit) void flow.setViewport(view.viewport);
          else void flow.fitView(fitViewOptions);
        });
        return { milliseconds: result.milliseconds, inWorker: result.inWorker };
      },
      exportImage: async (format, fileName) => {
        const viewport = container.current?.querySelector<HTMLElement>(".react-flow__viewport");
        if (!viewport) return;
        const shown = flow.getNodes();
        if (shown.length === 0) return;
        const bounds = {
          x: Math.min(...shown.map((node) => node.position.x)),
          y: Math.min(...shown.map((node) => node.position.y)),
          right: Math.max(
            ...shown.map((node) => node.position.x + (node.measured?.width ?? defaultNodeSize.width)),
          ),
          bottom: Math.max(
            ...shown.map((node) => node.position.y + (node.measured?.height ?? defaultNodeSize.height)),
          ),
        };
        const padding = 32;
        const limit = 8000;
        const zoom = Math.min(
          1,
          limit / (bounds.right - bounds.x + 2 * padding),
          limit / (bounds.bottom - bounds.y + 2 * padding),
        );
        const width = Math.ceil((bounds.right - bounds.x) * zoom + 2 * padding);
        const height = Math.ceil((bounds.bottom - bounds.y) * zoom + 2 * padding);
        const options = {
          backgroundColor: "#ffffff",
          width,
          height,
          skipFonts: true,
          style: {
            width: `${width}px`,
            height: `${height}px`,
            transform: `translate(${padding - bounds.x * zoom}px, ${padding - bounds.y * zoom}px) scale(${zoom})`,
          },
        };
        const url = format === "svg" ? await toSvg(viewport, options) : await toPng(viewport, options);
        const link = document.createElement("a");
        link.href = url;
        link.download = `${fileName}.${format}`;
        document.body.append(link);
        link.click();
        link.remove();
      },
      focusNode: (key) => {
        const node = flow.getNode(key);
        if (node) {
          const size = node.measured ?? defaultNodeSize;
          flow.setCenter(node.position.x + (size.width ?? 0) / 2, node.position.y + (size.height ?? 0) / 2, {
            zoom: Math.max(flow.getZoom(), 0.8),
          });
        }
        const element = container.current?.querySelector<HTMLElement>(
          `.react-flow__node[data-id="${CSS.escape(key)}"]`,
        );
        element?.focus();
      },
      centre: () => {
        const box = container.current?.getBoundingClientRect();
        if (!box) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      },
    }),
    [dispatch, flow],
  );

  useEffect(() => {
    onApi(initialised ? api : null);
  }, [api, initialised, onApi]);
  // When the canvas first became usable (drawn, answering): a User Timing mark, as the browser's performance panel
  // and `npm run bench:toc` read it. An editor's canvas then also gets elkjs ready, while the page is idle.
  useEffect(() => {
    if (!initialised || performance.getEntriesByName(interactiveMark).length > 0) return;
    performance.mark(interactiveMark);
    if (!editable) return;
    if ("requestIdleCallback" in window) requestIdleCallback(() => void warmUpLayout());
    else setTimeout(() => void warmUpLayout(), 500);
  }, [initialised, editable]);
  useEffect(() => () => onApi(null), [onApi]);

  const ariaLabels = useMemo(
    () => ({
      "node.a11yDescription.default": t("toc.editor.a11y.node"),
      "node.a11yDescription.keyboardDisabled": t("toc.editor.a11y.nodeKeyboard"),
      "node.a11yDescription.ariaLiveMessage": ({
        direction: moved,
        x,
        y,
      }: {
        direction: string;
        x: number;
        y: number;
      }) => t("toc.editor.a11y.moved", { direction: moved, x: Math.round(x), y: Math.round(y) }),
      "edge.a11yDescription.default": t("toc.editor.a11y.edge"),
      "controls.ariaLabel": t("toc.editor.a11y.controls"),
      "controls.zoomIn.ariaLabel": t("toc.editor.a11y.zoomIn"),
      "controls.zoomOut.ariaLabel": t("toc.editor.a11y.zoomOut"),
      "controls.fitView.ariaLabel": t("toc.editor.a11y.fitView"),
      "controls.interactive.ariaLabel": t("toc.editor.a11y.interactive"),
      "minimap.ariaLabel": t("toc.editor.a11y.minimap"),
      "handle.ariaLabel": t("toc.editor.a11y.handle"),
    }),
    [t],
  );

  // The view the canvas opens with, from the stored positions, before React Flow draws anything: so its first
  // drawing is already the one it keeps (and a large canvas opens readable, drawing only what is in view).
  const [opening, setOpening] = useState<OpeningView | null>(null);
  useLayoutEffect(() => {
    const box = container.current?.getBoundingClientRect();
    const { state: current, sizes: measured } = latest.current;
    const placed = Object.entries(current.present.nodes);
    if (!box || placed.length === 0) return setOpening({ viewport: { x: 0, y: 0, zoom: 1 }, fit: true });
    const size = (key: string) => measured[key] ?? defaultNodeSize;
    const x = Math.min(...placed.map(([, node]) => node.x));
    const y = Math.min(...placed.map(([, node]) => node.y));
    const right = Math.max(...placed.map(([key, node]) => node.x + size(key).width));
    const bottom = Math.max(...placed.map(([key, node]) => node.y + size(key).height));
    setOpening(openingView({ x, y, width: right - x, height: bottom - y }, box));
  }, []);

  const large = nodes.length > 300;
  const overview = useStore(isOverview);
  // Dragging a node or the background keeps the pointer to it, so the browser need not find what is under the
  // pointer at every move (with a thousand nodes in view that search took more than a frame). Handles (connecting
  // looks for the handle under the pointer) and links (a click selects them) are left alone.
  const capturePointer = useCallback((event: React.PointerEvent) => {
    const target = event.target as Element;
    if (event.button !== 0 || target.closest(".react-flow__handle")) return;
    const owner = target.classList.contains("react-flow__pane")
      ? target
      : target.closest(".react-flow__node");
    if (owner && !owner.hasPointerCapture(event.pointerId)) owner.setPointerCapture(event.pointerId);
  }, []);
  return (
    <section
      className={overview ? "toc-canvas is-overview" : "toc-canvas"}
      ref={container}
      aria-label={label}
      onPointerDown={capturePointer}
    >
      {opening && (
        <ReactFlow<TocFlowNode, TocFlowEdge>
          defaultViewport={opening.viewport}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={editable ? onConnect : undefined}
          onBeforeDelete={onBeforeDelete}
          nodesDraggable={editable}
          nodesConnectable={editable}
          deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
          multiSelectionKeyCode={["Meta", "Control", "Shift"]}
          onlyRenderVisibleElements={large}
          minZoom={zoomLimits.min}
          maxZoom={zoomLimits.max}
          fitView={opening.fit}
          fitViewOptions={fitViewOptions}
          ariaLabelConfig={ariaLabels}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={24} />
          <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
          {!large && <MiniMap pannable zoomable />}
        </ReactFlow>
      )}
    </section>
  );
}

/**
 * The nodes React Flow draws, rebuilt only where something changed: an unchanged node keeps its object, so React
 * Flow skips it and its memoised component does not render again.
 */
function useFlowNodes(
  doc: EditorDoc,
  selected: readonly string[],
  overlay: Readonly<Record<string, NodeOverlay>>,
  highlight: CanvasProps["highlight"],
  sizes: Readonly<Record<string, Size>>,
  direction: LayoutDirection,
  t: Translate,
  locale: Locale,
): TocFlowNode[] {
  const cache = useRef(new Map<string, TocFlowNode>());
  return useMemo(() => {
    const selection = new Set(selected);
    const sides = handleSides[direction];
    const next = new Map<string, TocFlowNode>();
    const list: TocFlowNode[] = [];
    for (const [key, position] of Object.entries(doc.nodes)) {
      const element = doc.elements[key];
      if (!element) continue;
      const highlighted = highlight ? highlight.nodes.has(key) : null;
      const before = cache.current.get(key);
      const size = sizes[key];
      const data: TocNodeData =
        before &&
        before.data.element === element &&
        before.data.overlay === (overlay[key] ?? null) &&
        before.data.highlighted === highlighted &&
        before.data.pinned === position.pinned
          ? before.data
          : { element, overlay: overlay[key] ?? null, highlighted, pinned: position.pinned };
      const isSelected = selection.has(key);
      const node =
        before &&
        before.data === data &&
        before.position.x === position.x &&
        before.position.y === position.y &&
        before.selected === isSelected &&
        before.sourcePosition === sides.source &&
        before.measured?.width === (size ?? defaultNodeSize).width &&
        before.measured?.height === (size ?? defaultNodeSize).height &&
        !before.handles === Boolean(size)
          ? before
          : {
              id: key,
              type: `toc-${element.kind}`,
              position: { x: position.x, y: position.y },
              data,
              selected: isSelected,
              sourcePosition: sides.source,
              targetPosition: sides.target,
              ariaLabel: `${t(`kind.${element.kind}`)} ${element.code}: ${pickText(element.title, locale).text}`,
              ...(size ? { measured: size } : unmeasured(sides)),
            };
      next.set(key, node);
      list.push(node);
    }
    cache.current = next;
    return list;
  }, [doc.nodes, doc.elements, selected, overlay, highlight, sizes, direction, t, locale]);
}

/** React Flow's handle: a 6 px dot centred on the middle of a side (its stylesheet). */
const handleSize = 6;

/**
 * What a node not yet measured is taken to be: the default size, with its handles where React Flow will find them
 * (it measures the node once drawn, and we hand the real size back). Without this React Flow draws every node once,
 * in view or not, to measure it: on a large canvas that opens on a part of it, most of the time it takes to open.
 */
function unmeasured(sides: { source: Position; target: Position }) {
  const { width, height } = defaultNodeSize;
  const at = (position: Position) => ({
    x: position === Position.Left ? 0 : position === Position.Right ? width : width / 2,
    y: position === Position.Top ? 0 : position === Position.Bottom ? height : height / 2,
  });
  const handle = (type: "source" | "target", position: Position) => ({
    type,
    position,
    x: at(position).x - handleSize / 2,
    y: at(position).y - handleSize / 2,
    width: handleSize,
    height: handleSize,
  });
  return {
    measured: defaultNodeSize,
    handles: [handle("target", sides.target), handle("source", sides.source)],
  };
}

function useFlowEdges(
  doc: EditorDoc,
  drawn: ReadonlySet<string>,
  selected: readonly string[],
  highlight: CanvasProps["highlight"],
  t: Translate,
): TocFlowEdge[] {
  const cache = useRef(new Map<string, TocFlowEdge>());
  return useMemo(() => {
    const selection = new Set(selected);
    const showOutline = doc.settings.showOutline;
    const next = new Map<string, TocFlowEdge>();
    const list: TocFlowEdge[] = [];
    for (const link of Object.values(doc.links)) {
      if (!drawn.has(link.from) || !drawn.has(link.to)) continue;
      if (link.kind === "part_of" && !showOutline) continue;
      const highlighted = highlight ? highlight.links.has(`${link.from}→${link.to}`) : null;
      const isSelected = selection.has(link.key);
      const before = cache.current.get(link.key);
      const edge =
        before &&
        before.source === link.from &&
        before.target === link.to &&
        before.selected === isSelected &&
        before.data?.highlighted === highlighted
          ? before
          : {
              id: link.key,
              type: link.kind,
              source: link.from,
              target: link.to,
              selected: isSelected,
              data: { highlighted },
              markerEnd: {
                type: MarkerType.ArrowClosed,
                color: markerColours[link.kind],
                width: 14,
                height: 14,
              },
              ariaLabel: `${doc.elements[link.from]?.code ?? ""} ${t(`toc.editor.linkKind.${link.kind}`)} ${doc.elements[link.to]?.code ?? ""}`,
            };
      next.set(link.key, edge);
      list.push(edge);
    }
    cache.current = next;
    return list;
  }, [doc.links, drawn, doc.elements, doc.settings.showOutline, selected, highlight, t]);
}
