import "@xyflow/react/dist/style.css";
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MarkerType,
  MiniMap,
  type NodeChange,
  type OnBeforeDelete,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  useUpdateNodeInternals,
} from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { type Dispatch, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type Locale, pickText, type Translate, useI18n } from "../../i18n/i18n";
import { elementKinds, type LayoutDirection } from "../../plan-graph/vocabulary";
import type { EditorAction, EditorDoc, EditorState, LinkKind } from "../../toc/editor-state";
import type { NodeOverlay } from "../../toc/overlay.server";
import {
  handleSides,
  TocEdge,
  type TocFlowEdge,
  type TocFlowNode,
  TocNode,
  type TocNodeData,
} from "./flow-parts";
import { defaultNodeSize } from "./layout";
import { layOut } from "./layout-engine";

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
const markerColours: Record<LinkKind, string> = {
  contributes_to: "#1f5f99",
  precondition_of: "#7a4d00",
  part_of: "#6b7280",
};

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
  const edges = useFlowEdges(doc, state.selectedLinks, highlight, t);

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
        dispatch({ type: "applyLayout", positions: result.positions });
        requestAnimationFrame(() => flow.fitView(fitViewOptions));
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

  const large = nodes.length > 300;
  return (
    <section className="toc-canvas" ref={container} aria-label={label}>
      <ReactFlow<TocFlowNode, TocFlowEdge>
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
        minZoom={0.05}
        maxZoom={2}
        fitView
        fitViewOptions={fitViewOptions}
        ariaLabelConfig={ariaLabels}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
        {!large && <MiniMap pannable zoomable />}
      </ReactFlow>
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
        before.measured?.width === size?.width &&
        before.measured?.height === size?.height
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
              ...(size ? { measured: size } : {}),
            };
      next.set(key, node);
      list.push(node);
    }
    cache.current = next;
    return list;
  }, [doc.nodes, doc.elements, selected, overlay, highlight, sizes, direction, t, locale]);
}

function useFlowEdges(
  doc: EditorDoc,
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
      if (!doc.nodes[link.from] || !doc.nodes[link.to]) continue;
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
  }, [doc.links, doc.nodes, doc.elements, doc.settings.showOutline, selected, highlight, t]);
}
