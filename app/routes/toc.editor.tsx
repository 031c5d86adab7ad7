import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { Link } from "react-router";
import { can } from "../auth/policy";
import { PlanPageErrorBoundary } from "../components/error-boundary";
import { Button } from "../components/ui/button";
import { Badge } from "../components/ui/status-badge";
import { spendHistoryBudget } from "../dashboards/budget.server";
import { readOverviewFilters } from "../dashboards/overview.server";
import { notFound } from "../http-errors";
import { formatDate, pickText, useI18n } from "../i18n/i18n";
import { Citation } from "../plan-graph/components/citation";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { citationFormatter } from "../plan-graph/queries.server";
import { type LayoutDirection, layoutDirections } from "../plan-graph/vocabulary";
import { todayUtc } from "../progress/workflow.server";
import { retryAfterHeaders } from "../retry-after";
import { requireTocPlan } from "../toc/access.server";
import { findCanvas, loadCanvas } from "../toc/canvas.server";
import { tocChecks } from "../toc/checks";
import { planChecks } from "../toc/checks.server";
import type { CanvasApi } from "../toc/components/canvas";
import { ChecksPanel } from "../toc/components/checks-panel";
import {
  AddElementForm,
  AddExistingForm,
  canvasElements,
  EditElementForm,
  EditLinkForm,
  LinkForm,
  ProblemNotice,
  SelectElement,
  SettingsForm,
} from "../toc/components/edit-panels";
import { Dialog, KeyboardHelp, Panel } from "../toc/components/editor-chrome";
import { NodePanel } from "../toc/components/node-panel";
import { OutlineView } from "../toc/components/outline-view";
import tocStyles from "../toc/components/toc.css?url";
import { useCanvasSave, useUnsavedChangesGuard } from "../toc/components/use-canvas-save";
import { useEditorKeys } from "../toc/components/use-editor-keys";
import {
  editorReducer,
  initialEditorState,
  isDirty,
  type LinkKind,
  type LoadedCanvas,
} from "../toc/editor-state";
import { canvasOverlay } from "../toc/overlay.server";
import type { Pathway } from "../toc/pathways";
import type { Route } from "./+types/toc.editor";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: tocStyles }];

/**
 * The theory-of-change editor (docs/guides/theory-of-change.md). Server-rendered: the canvas as tables (elements by
 * kind with their roll-up, links with their assumptions, in <noscript>; above 300 nodes on request) and its checks,
 * which is the whole page without JavaScript. With JavaScript, the React Flow canvas loads (a dynamic import, so
 * other pages do not ship it) and those who may edit get the editing tools; the tables, which a screen reader uses
 * best, stay one toggle away.
 */

/** A 429 from the budget for past days keeps its Retry-After on data requests too. */
export const headers = retryAfterHeaders;

export async function loader(args: Route.LoaderArgs) {
  const { db, plan, scope, canEdit, by } = await requireTocPlan(args);
  const url = new URL(args.request.url);
  const today = todayUtc();
  spendHistoryBudget(by.id, url, today, { uncached: !can(by.viewer, { action: "plan.read", fundedBy: [] }) });
  const canvas = await loadCanvas({ db, plan, scope, slug: args.params.canvas, canEdit });
  if (!canvas) notFound();
  const { asOf } = readOverviewFilters(url, plan, today);
  // A large canvas's tables (thousands of rows) are rendered on request only: a reader with JavaScript never shows
  // them at first, and rendering them was a good part of the time such a page took to answer.
  const tablesInPage =
    Object.keys(canvas.doc.nodes).length <= tablesInPageLimit || url.searchParams.get("view") === "tables";
  const row = await findCanvas(db, plan.id, canvas.canvas.slug);
  const [overlay, findings, cite] = await Promise.all([
    canvasOverlay({ db, plan, scope, asOf }),
    planChecks({ db, planId: plan.id, canvasId: row?.id ?? null, scope }),
    citationFormatter(db),
  ]);
  const view = (citation: { source: string; section: string; quote?: string } | null | undefined) =>
    citation
      ? cite({
          citationSourceId: citation.source,
          citationSection: citation.section,
          citationQuote: citation.quote ?? null,
        })
      : null;
  const citationViews = (byKey: Record<string, { source: string; section: string; quote?: string }>) =>
    Object.fromEntries(
      Object.entries(byKey).flatMap(([key, citation]) => {
        const shown = view(citation);
        return shown ? [[key, shown]] : [];
      }),
    );
  return {
    plan: { slug: plan.slug, title: plan.title, synthetic: plan.synthetic },
    canvas: { version: canvas.version, doc: canvas.doc } satisfies LoadedCanvas,
    meta: canvas.canvas,
    canvasCitation: view(canvas.canvas.citation),
    citations: {
      elements: citationViews(canvas.citations.elements),
      links: citationViews(canvas.citations.links),
    },
    canEdit: canvas.canEdit,
    wholePlan: scope.all,
    asOf,
    overlay: overlay.elements,
    measured: overlay.measured,
    findings: findings ?? [],
    tablesInPage,
  };
}

/** Up to this many nodes, the page carries the canvas as tables for readers without JavaScript. */
const tablesInPageLimit = 300;

type LoaderData = Route.ComponentProps["loaderData"];

export default function TocEditorPage({ loaderData }: Route.ComponentProps) {
  // A new canvas (another address) starts a new editor.
  return <Editor key={`${loaderData.plan.slug}/${loaderData.meta.slug}`} data={loaderData} />;
}

// In the browser the canvas's code starts loading with the page, while it hydrates, not after.
const canvasModule = typeof document === "undefined" ? null : import("../toc/components/canvas");
const TocCanvas = lazy(() => canvasModule ?? import("../toc/components/canvas"));

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

function Editor({ data }: { data: LoaderData }) {
  const { t, locale } = useI18n();
  const hydrated = useHydrated();
  const { plan, meta, canEdit, citations, overlay, asOf } = data;
  const [state, dispatch] = useReducer(editorReducer, data.canvas, initialEditorState);
  const latest = useRef(state);
  latest.current = state;
  const editing = hydrated && canEdit;
  // Only an editor's changes are unsaved changes (a reader may still hide the outline links).
  const dirty = canEdit && isDirty(state);
  const [view, setView] = useState<"canvas" | "table">("canvas");
  const [api, setApi] = useState<CanvasApi | null>(null);
  const [connectKind, setConnectKind] = useState<LinkKind>("contributes_to");
  const [highlighted, setHighlighted] = useState<Pathway[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Where the last auto-layout ran (a Web Worker, or the page if the worker could not start): for the tests.
  const [layoutWorker, setLayoutWorker] = useState<boolean | null>(null);
  const base = `/plans/${plan.slug}/toc/${meta.slug}`;
  const showCanvas = hydrated && view === "canvas";

  const { save, saving, message, setMessage, conflict, dismissConflict, reloadTheirs, mergeAndSave } =
    useCanvasSave({ url: `${base}.json`, latest, dispatch });
  const blocker = useUnsavedChangesGuard({ canEdit, dirty, latest });
  useEditorKeys({ enabled: canEdit, latest, dispatch, save });

  // ------------------------------------------------------------ what is shown

  // What is drawn changes with additions and removals, not with moves: keyed on the set of nodes, the panels and
  // the checks do not recompute during a drag.
  const nodeSet = Object.keys(state.present.nodes).join("\n");
  const drawnKeys = useMemo(() => new Set(nodeSet ? nodeSet.split("\n") : []), [nodeSet]);
  const elements = state.present.elements;
  const { onCanvas, offCanvas } = useMemo(() => canvasElements(elements, drawnKeys), [elements, drawnKeys]);
  const links = state.present.links;
  const liveFindings = useMemo(() => {
    if (!editing || !data.wholePlan) return null;
    return tocChecks({
      elements: Object.values(elements).map((element) => ({
        id: element.key,
        code: element.code,
        kind: element.kind,
        status: element.status,
        level: element.level,
      })),
      links: Object.values(links).map((link) => ({
        kind: link.kind,
        fromId: link.from,
        toId: link.to,
        rationale: link.rationale,
      })),
      indicatorElements: data.measured,
      canvasElementIds: [...drawnKeys],
    });
  }, [editing, data.wholePlan, data.measured, elements, links, drawnKeys]);

  const highlight = useMemo(() => {
    if (!highlighted?.length) return null;
    const nodes = new Set<string>();
    const linkKeys = new Set<string>();
    for (const pathway of highlighted)
      pathway.forEach((step, index) => {
        nodes.add(step.id);
        const previous = pathway[index - 1];
        if (previous) linkKeys.add(`${previous.id}→${step.id}`);
      });
    return { nodes, links: linkKeys };
  }, [highlighted]);

  const showNode = useCallback(
    (key: string) => {
      dispatch({ type: "select", nodes: [key], links: [] });
      const code = latest.current.present.elements[key]?.code;
      requestAnimationFrame(() => {
        if (view === "canvas" && api) api.focusNode(key);
        else if (code) document.getElementById(`toc-node-${code}`)?.scrollIntoView({ block: "center" });
      });
    },
    [api, view],
  );

  // A new node goes to the middle of the view (beside the drawing in the table view), below any node already there.
  const placeFor = useCallback(() => {
    const nodes = Object.values(latest.current.present.nodes);
    const at =
      api && view === "canvas"
        ? api.centre()
        : nodes.length === 0
          ? { x: 0, y: 0 }
          : {
              x: Math.max(...nodes.map((node) => node.x)) + 280,
              y: Math.min(...nodes.map((node) => node.y)),
            };
    const taken = (y: number) =>
      nodes.some((node) => Math.abs(node.x - at.x) < 230 && Math.abs(node.y - y) < 110);
    let y = Math.round(at.y);
    for (let tries = 0; tries < 100 && taken(y); tries++) y += 120;
    return { x: Math.round(at.x), y };
  }, [api, view]);

  const runLayout = async (direction: LayoutDirection) => {
    if (!api) return;
    setBusy(t("toc.editor.layingOut"));
    try {
      const result = await api.layout(direction);
      if (result) setLayoutWorker(result.inWorker);
      if (result)
        setMessage({
          tone: "success",
          text: t("toc.editor.laidOut", { milliseconds: Math.round(result.milliseconds) }),
        });
    } catch {
      setMessage({ tone: "error", text: t("toc.editor.layoutFailed") });
    } finally {
      setBusy(null);
    }
  };
  const exportImage = async (format: "svg" | "png") => {
    if (!api) return;
    setBusy(t("toc.editor.exporting"));
    try {
      await api.exportImage(format, `${plan.slug}-${meta.slug}`);
    } catch {
      setMessage({ tone: "error", text: t("toc.editor.exportFailed") });
    } finally {
      setBusy(null);
    }
  };

  const title = pickText(state.present.settings.title, locale);
  const description = state.present.settings.description
    ? pickText(state.present.settings.description, locale)
    : null;
  const selectedKey = state.selectedNodes.length === 1 ? state.selectedNodes[0] : undefined;
  const selectedElement = selectedKey ? state.present.elements[selectedKey] : undefined;
  const selectedLink =
    state.selectedLinks.length === 1 ? state.present.links[state.selectedLinks[0] as string] : undefined;
  const settings = state.present.settings;

  const tables = (
    <section aria-label={t("toc.editor.tableLabel")}>
      <OutlineView
        doc={state.present}
        overlay={overlay}
        citations={citations}
        planSlug={plan.slug}
        onSelect={hydrated ? showNode : undefined}
      />
    </section>
  );

  return (
    <>
      <title>{`${title.text} · ${t("toc.list.title")} · Throughline`}</title>
      <PlanTrail>
        <Link to={`/plans/${plan.slug}/toc`}>{t("toc.list.title")}</Link>
      </PlanTrail>
      <header className="page-header toc-header">
        <p className="eyebrow">
          {t("toc.editor.eyebrow")}
          {meta.focus
            ? ` · ${t("toc.list.pathwayOf", { code: meta.focus.code })}`
            : ` · ${t("toc.list.wholePlan")}`}
        </p>
        <h1 lang={title.lang}>{title.text}</h1>
        {meta.draft && (
          <p>
            <Badge tone="notice">{t("toc.list.draft")}</Badge> {t("toc.editor.draftExplained")}
          </p>
        )}
        {description && <p lang={description.lang}>{description.text}</p>}
        {data.canvasCitation && <Citation citation={data.canvasCitation} />}
        <p className="meta">
          {t("toc.editor.version", { version: state.baseVersion })} ·{" "}
          {t("toc.editor.asOf", { day: formatDate(asOf, locale) })} ·{" "}
          <a href={`${base}/export.json`} download>
            {t("toc.editor.exportJson")}
          </a>
        </p>
        {!data.wholePlan && <p className="notice">{t("toc.editor.scoped")}</p>}
        {!hydrated && data.tablesInPage && (
          <noscript>
            <p className="meta">{t("toc.editor.noScript")}</p>
          </noscript>
        )}
      </header>

      {hydrated && (
        <div className="toc-toolbar" role="toolbar" aria-label={t("toc.editor.toolbar")}>
          {canEdit && (
            <div className="toc-toolbar-group">
              <Button
                type="button"
                onClick={() => void save()}
                disabled={!dirty || saving}
                aria-keyshortcuts="Control+S Meta+S"
              >
                {saving ? t("toc.editor.saving") : t("toc.editor.save")}
              </Button>
              <span className={dirty ? "toc-dirty" : "toc-clean"} data-testid="toc-save-state">
                {dirty ? t("toc.editor.unsaved") : t("toc.editor.allSaved")}
              </span>
              <Button
                type="button"
                variant="secondary"
                onClick={() => dispatch({ type: "undo" })}
                disabled={state.past.length === 0}
                aria-keyshortcuts="Control+Z Meta+Z"
              >
                {t("toc.editor.undo")}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => dispatch({ type: "redo" })}
                disabled={state.future.length === 0}
                aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
              >
                {t("toc.editor.redo")}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => dispatch({ type: "copy" })}
                disabled={state.selectedNodes.length === 0}
                aria-keyshortcuts="Control+C Meta+C"
              >
                {t("toc.editor.copy")}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={() => dispatch({ type: "paste" })}
                disabled={!state.clipboard}
                aria-keyshortcuts="Control+V Meta+V"
              >
                {t("toc.editor.paste")}
              </Button>
            </div>
          )}
          <fieldset className="toc-toolbar-group toc-fieldset">
            <legend className="visually-hidden">{t("toc.editor.view")}</legend>
            <Button
              type="button"
              variant={view === "canvas" ? "primary" : "secondary"}
              aria-pressed={view === "canvas"}
              onClick={() => setView("canvas")}
            >
              {t("toc.editor.viewCanvas")}
            </Button>
            <Button
              type="button"
              variant={view === "table" ? "primary" : "secondary"}
              aria-pressed={view === "table"}
              onClick={() => setView("table")}
            >
              {t("toc.editor.viewTable")}
            </Button>
          </fieldset>
          <div className="toc-toolbar-group">
            <label className="toc-inline-field">
              <input
                type="checkbox"
                checked={settings.showOutline}
                onChange={(event) =>
                  dispatch({ type: "settings", changes: { showOutline: event.target.checked } })
                }
              />{" "}
              {t("toc.editor.showOutline")}
            </label>
            {canEdit && (
              <>
                <label className="toc-inline-field">
                  {t("toc.editor.direction")}{" "}
                  <select
                    value={settings.layoutDirection}
                    onChange={(event) =>
                      dispatch({
                        type: "settings",
                        changes: { layoutDirection: event.target.value as LayoutDirection },
                      })
                    }
                  >
                    {layoutDirections.map((direction) => (
                      <option key={direction} value={direction}>
                        {t(`toc.editor.direction.${direction}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <Button
                  type="button"
                  variant="secondary"
                  disabled={!api || !showCanvas || busy !== null}
                  onClick={() => void runLayout(settings.layoutDirection)}
                >
                  {t("toc.editor.autoLayout")}
                </Button>
                <Button type="button" variant="quiet" onClick={() => dispatch({ type: "unpinAll" })}>
                  {t("toc.editor.unpinAll")}
                </Button>
                <label className="toc-inline-field">
                  {t("toc.editor.connectKind")}{" "}
                  <select
                    value={connectKind}
                    onChange={(event) => setConnectKind(event.target.value as LinkKind)}
                  >
                    {(["contributes_to", "precondition_of", "part_of"] as const).map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`toc.editor.linkKind.${kind}`)}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
          </div>
          <div className="toc-toolbar-group">
            <Button
              type="button"
              variant="secondary"
              disabled={!api || !showCanvas || busy !== null}
              onClick={() => void exportImage("svg")}
            >
              {t("toc.editor.exportSvg")}
            </Button>
            <Button
              type="button"
              variant="secondary"
              disabled={!api || !showCanvas || busy !== null}
              onClick={() => void exportImage("png")}
            >
              {t("toc.editor.exportPng")}
            </Button>
          </div>
        </div>
      )}

      <div
        className="toc-status"
        role="status"
        aria-live="polite"
        data-testid="toc-status"
        data-layout-worker={layoutWorker ?? undefined}
      >
        {busy && <p>{busy}</p>}
        {message && (
          <div className={message.tone === "error" ? "notice notice-error" : "notice notice-success"}>
            <p>{message.text}</p>
            {message.problems?.length ? (
              <ul>
                {message.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
            {message.gaveWay && (
              <div data-testid="toc-gave-way">
                <p>{message.gaveWay.title}</p>
                <ul>
                  {message.gaveWay.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
      </div>
      {editing && <ProblemNotice problem={state.problem} dispatch={dispatch} />}

      <div className="toc-layout">
        <div className="toc-main">
          {showCanvas && (
            <Suspense fallback={<p className="toc-canvas-loading">{t("toc.editor.loadingCanvas")}</p>}>
              <TocCanvas
                state={state}
                dispatch={dispatch}
                overlay={overlay}
                highlight={highlight}
                editable={canEdit}
                connectKind={connectKind}
                label={t("toc.editor.canvasLabel", { title: title.text })}
                onApi={setApi}
              />
            </Suspense>
          )}
          {!showCanvas &&
            (hydrated ? (
              tables
            ) : (
              // Before the page is hydrated the tables are for readers without JavaScript only: inside <noscript> the
              // browser does not build them and React does not hydrate them, which on a canvas of a thousand nodes
              // is most of the time to a usable editor.
              <noscript>
                {data.tablesInPage ? (
                  tables
                ) : (
                  <p>
                    <a href="?view=tables">{t("toc.editor.openTables")}</a>
                  </p>
                )}
              </noscript>
            ))}
        </div>
        <aside className="toc-side" aria-label={t("toc.editor.sidePanel")}>
          {hydrated && selectedKey && (
            <NodePanel
              planSlug={plan.slug}
              canvasSlug={meta.slug}
              elementKey={selectedKey}
              elements={elements}
              links={links}
              overlay={overlay[selectedKey] ?? null}
              citations={citations}
              asOf={asOf}
              onHighlight={setHighlighted}
            />
          )}
          {editing && (
            <>
              <Panel title={t("toc.editor.selection")} open>
                <SelectElement onCanvas={onCanvas} selectedNodes={state.selectedNodes} dispatch={dispatch} />
                {selectedElement && (
                  <EditElementForm
                    dispatch={dispatch}
                    element={selectedElement}
                    cited={Boolean(citations.elements[selectedElement.key])}
                  />
                )}
                {selectedLink && (
                  <EditLinkForm
                    dispatch={dispatch}
                    link={selectedLink}
                    from={state.present.elements[selectedLink.from]?.code ?? ""}
                    to={state.present.elements[selectedLink.to]?.code ?? ""}
                  />
                )}
                {!selectedElement && !selectedLink && (
                  <p className="meta">{t("toc.editor.nothingSelected")}</p>
                )}
              </Panel>
              <Panel title={t("toc.editor.linkForm")}>
                <LinkForm onCanvas={onCanvas} selectedNodes={state.selectedNodes} dispatch={dispatch} />
              </Panel>
              <Panel title={t("toc.editor.addElement")}>
                <AddElementForm
                  onCanvas={onCanvas}
                  elementCount={Object.keys(state.present.elements).length}
                  dispatch={dispatch}
                  placeFor={placeFor}
                />
              </Panel>
              <Panel title={t("toc.editor.addExisting")}>
                <AddExistingForm offCanvas={offCanvas} dispatch={dispatch} placeFor={placeFor} />
              </Panel>
              <Panel title={t("toc.editor.settings")}>
                <SettingsForm settings={state.present.settings} dispatch={dispatch} />
              </Panel>
              <Panel title={t("toc.editor.keyboard")}>
                <KeyboardHelp />
              </Panel>
            </>
          )}
          <ChecksPanel
            findings={liveFindings ?? data.findings}
            live={liveFindings !== null}
            onShow={hydrated ? showNode : undefined}
          />
        </aside>
      </div>

      <Dialog open={conflict !== null} labelledBy="toc-conflict-heading" onCancel={dismissConflict}>
        <h2 id="toc-conflict-heading">{t("toc.editor.conflict.title")}</h2>
        <p>
          {t("toc.editor.conflict.body", { base: state.baseVersion, current: conflict?.canvas.version ?? 0 })}
        </p>
        <p className="toc-actions">
          <Button type="button" onClick={mergeAndSave}>
            {t("toc.editor.conflict.merge")}
          </Button>
          <Button type="button" variant="secondary" onClick={reloadTheirs}>
            {t("toc.editor.conflict.reload")}
          </Button>
          <Button type="button" variant="quiet" onClick={dismissConflict}>
            {t("toc.editor.conflict.later")}
          </Button>
        </p>
      </Dialog>
      <Dialog
        open={blocker.state === "blocked"}
        labelledBy="toc-leave-heading"
        onCancel={() => blocker.reset?.()}
      >
        <h2 id="toc-leave-heading">{t("toc.editor.leave.title")}</h2>
        <p>{t("toc.editor.leave.body")}</p>
        <p className="toc-actions">
          <Button type="button" onClick={() => blocker.reset?.()}>
            {t("toc.editor.leave.stay")}
          </Button>
          <Button type="button" variant="secondary" onClick={() => blocker.proceed?.()}>
            {t("toc.editor.leave.go")}
          </Button>
        </p>
      </Dialog>
    </>
  );
}
/** A failure of the editor (its canvas included) leads back to the plan's canvases; a refused past day, to today's. */
export function ErrorBoundary() {
  return <PlanPageErrorBoundary under="/toc" label="error.backToToc" />;
}
