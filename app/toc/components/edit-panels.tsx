import { type Dispatch, type FormEvent, memo, useId } from "react";
import { Button } from "../../components/ui/button";
import { Field, Select, TextArea } from "../../components/ui/field";
import { pickText, type Translate, useI18n } from "../../i18n/i18n";
import { compareCodes } from "../../plan-graph/graph";
import {
  type EvidenceLink,
  elementKinds,
  elementLevels,
  elementStatuses,
  evidenceStrengths,
  type LocalizedText,
} from "../../plan-graph/vocabulary";
import {
  type CanvasSettings,
  type EditorAction,
  type EditorElement,
  type EditorLink,
  type EditProblem,
  type EvidenceStrength,
  isCausal,
  type LinkKind,
} from "../editor-state";

/**
 * The editor's forms: everything the canvas does with a mouse, done from the keyboard too (React Flow has no
 * keyboard connect, hence "Link from … to …"). Each form dispatches to the editor's reducer, so undo, the unsaved
 * marker and the save see its changes exactly as they see a drag.
 */

/**
 * The panels take only what they show (never the whole editor state, which changes with every frame of a drag),
 * and are memoised: a drag re-renders the canvas, not the forms.
 */
type Dispatching = { dispatch: Dispatch<EditorAction> };
/** Where a node added from a form goes (the middle of the view, or beside the drawing). */
type Placing = { placeFor: () => { x: number; y: number } };
/** The elements drawn on the canvas, in code order. */
type OnCanvas = { onCanvas: readonly EditorElement[] };

const form = (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  return new FormData(event.currentTarget);
};
const text = (data: FormData, name: string) => String(data.get(name) ?? "").trim();

function localized(en: string, fr: string, before?: LocalizedText | null): LocalizedText {
  const { en: _en, fr: _fr, ...others } = before ?? { en };
  return { ...others, en, ...(fr ? { fr } : {}) };
}

export function problemText(problem: EditProblem, t: Translate): string {
  switch (problem.code) {
    case "cycle":
    case "outlineCycle":
      return t(`toc.editor.problem.${problem.code}`, { path: problem.path.join(" → ") });
    case "secondParent":
      return t("toc.editor.problem.secondParent", { code: problem.child });
    case "codeTaken":
    case "codeInvalid":
      return t(`toc.editor.problem.${problem.code}`, { code: problem.elementCode });
    default:
      return t(`toc.editor.problem.${problem.code}`);
  }
}

/** The last edit refused, said where the person is looking (a live region: screen readers hear it). */
export const ProblemNotice = memo(function ProblemNotice({
  problem,
  dispatch,
}: Dispatching & { problem: EditProblem | null }) {
  const { t } = useI18n();
  return (
    <div className="toc-problem" role="alert" aria-live="assertive">
      {problem && (
        <p className="notice notice-error">
          {problemText(problem, t)}{" "}
          <Button type="button" variant="quiet" onClick={() => dispatch({ type: "dismissProblem" })}>
            {t("toc.editor.dismiss")}
          </Button>
        </p>
      )}
    </div>
  );
});

/** The elements drawn on a canvas and those not drawn, each in code order (for the panels). */
export function canvasElements(
  elements: Readonly<Record<string, EditorElement>>,
  drawn: ReadonlySet<string>,
) {
  const sorted = Object.values(elements).sort((a, b) => compareCodes(a.code, b.code));
  return {
    onCanvas: sorted.filter((element) => drawn.has(element.key)),
    offCanvas: sorted.filter((element) => !drawn.has(element.key)),
  };
}

function elementOptions(elements: readonly EditorElement[], locale: "en" | "fr") {
  return elements.map((element) => ({
    value: element.key,
    label: `${element.code} — ${pickText(element.title, locale).text}`,
  }));
}

/** A title in English (required) and French, as every form that names something asks for it. */
function TitleFields({ title }: { title?: LocalizedText }) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t("toc.editor.field.titleEn")} name="title_en" defaultValue={title?.en} required />
      <Field label={t("toc.editor.field.titleFr")} name="title_fr" defaultValue={title?.fr ?? ""} lang="fr" />
    </>
  );
}

function levelOptions(t: Translate) {
  return [
    { value: "", label: t("toc.editor.level.none") },
    ...elementLevels.map((level) => ({ value: level, label: t(`toc.editor.level.${level}`) })),
  ];
}

export const AddElementForm = memo(function AddElementForm({
  onCanvas,
  elementCount,
  dispatch,
  placeFor,
}: OnCanvas & Dispatching & Placing & { elementCount: number }) {
  const { t, locale } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = form(event);
    const parent = text(data, "parent");
    const action: EditorAction = {
      type: "addElement",
      element: {
        code: text(data, "code"),
        kind: text(data, "kind") as EditorElement["kind"],
        level: (text(data, "level") || null) as EditorElement["level"],
        title: localized(text(data, "title_en"), text(data, "title_fr")),
      },
      at: placeFor(),
      parent: parent || null,
    };
    dispatch(action);
  };
  return (
    // A new element empties the form (keyed by the count); a refused one keeps what was typed.
    <form onSubmit={submit} className="toc-form" aria-label={t("toc.editor.addElement")} key={elementCount}>
      <div className="toc-form-row">
        <Select
          label={t("toc.editor.field.kind")}
          name="kind"
          defaultValue="outcome"
          options={elementKinds.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
        />
        <Select label={t("toc.editor.field.level")} name="level" defaultValue="" options={levelOptions(t)} />
      </div>
      <Field label={t("toc.editor.field.code")} hint={t("toc.editor.field.codeHint")} name="code" required />
      <TitleFields />
      <Select
        label={t("toc.editor.field.parent")}
        name="parent"
        defaultValue=""
        options={[{ value: "", label: t("toc.editor.field.noParent") }, ...elementOptions(onCanvas, locale)]}
      />
      <Button type="submit">{t("toc.editor.addElement")}</Button>
    </form>
  );
});

export const AddExistingForm = memo(function AddExistingForm({
  offCanvas: off,
  dispatch,
  placeFor,
}: Dispatching & Placing & { offCanvas: readonly EditorElement[] }) {
  const { t, locale } = useI18n();
  if (off.length === 0) return <p className="meta">{t("toc.editor.allOnCanvas")}</p>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = form(event);
    const key = text(data, "element");
    if (key) dispatch({ type: "addExisting", key, at: placeFor() });
  };
  return (
    <form onSubmit={submit} className="toc-form" aria-label={t("toc.editor.addExisting")}>
      <Select label={t("toc.editor.field.existing")} name="element" options={elementOptions(off, locale)} />
      <Button type="submit" variant="secondary">
        {t("toc.editor.addExisting")}
      </Button>
    </form>
  );
});

const strengthOptions = (t: Translate) => [
  { value: "", label: t("toc.editor.evidenceUnknown") },
  ...evidenceStrengths.map((strength) => ({ value: strength, label: t(`evidence.${strength}`) })),
];

/** One evidence link a line: the address, then optionally a space and its label. */
function readEvidence(value: string): EvidenceLink[] | null {
  const links = value
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [url = "", ...label] = line.split(/\s+/);
      return label.length ? { url, label: label.join(" ") } : { url };
    });
  return links.length ? links : null;
}
const writeEvidence = (links: readonly EvidenceLink[] | null) =>
  (links ?? []).map((link) => (link.label ? `${link.url} ${link.label}` : link.url)).join("\n");

type LinkReasons = Pick<EditorLink, "rationale" | "evidenceStrength" | "evidenceLinks">;

/** The assumption behind a causal link (English, French), the strength of its evidence and the evidence itself. */
function LinkReasonFields({ link, assumptionHint }: { link?: LinkReasons; assumptionHint?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <TextArea
        label={t("toc.editor.field.assumptionEn")}
        hint={assumptionHint ? t("toc.editor.field.assumptionHint") : undefined}
        name="assumption_en"
        defaultValue={link?.rationale?.en ?? ""}
      />
      <TextArea
        label={t("toc.editor.field.assumptionFr")}
        name="assumption_fr"
        defaultValue={link?.rationale?.fr ?? ""}
        lang="fr"
      />
      <Select
        label={t("toc.editor.field.evidenceStrength")}
        name="evidenceStrength"
        defaultValue={link?.evidenceStrength ?? ""}
        options={strengthOptions(t)}
      />
      <TextArea
        label={t("toc.editor.field.evidenceLinks")}
        hint={t("toc.editor.field.evidenceLinksHint")}
        name="evidenceLinks"
        defaultValue={writeEvidence(link?.evidenceLinks ?? null)}
      />
    </>
  );
}

/** What LinkReasonFields sent, over what the link had (other languages of the assumption are kept). */
function readLinkReasons(data: FormData, before?: LinkReasons["rationale"]): LinkReasons {
  const assumption = text(data, "assumption_en");
  return {
    rationale: assumption ? localized(assumption, text(data, "assumption_fr"), before) : null,
    evidenceStrength: (text(data, "evidenceStrength") || null) as EvidenceStrength | null,
    evidenceLinks: readEvidence(text(data, "evidenceLinks")),
  };
}

export const LinkForm = memo(function LinkForm({
  onCanvas,
  selectedNodes,
  dispatch,
}: OnCanvas & Dispatching & { selectedNodes: readonly string[] }) {
  const { t, locale } = useI18n();
  const options = elementOptions(onCanvas, locale);
  const [first, second] = [selectedNodes[0], selectedNodes[1]];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = form(event);
    const kind = text(data, "kind") as LinkKind;
    dispatch({
      type: "addLink",
      link: { kind, from: text(data, "from"), to: text(data, "to"), ...readLinkReasons(data) },
    });
  };
  if (options.length < 2) return <p className="meta">{t("toc.editor.linkNeedsTwo")}</p>;
  return (
    <form
      onSubmit={submit}
      className="toc-form"
      aria-label={t("toc.editor.linkForm")}
      key={`${first ?? ""}-${second ?? ""}`}
    >
      <Select
        label={t("toc.editor.field.from")}
        name="from"
        defaultValue={first ?? options[0]?.value}
        options={options}
      />
      <Select
        label={t("toc.editor.field.linkKind")}
        name="kind"
        defaultValue="contributes_to"
        options={(["contributes_to", "precondition_of", "part_of"] as const).map((kind) => ({
          value: kind,
          label: t(`toc.editor.linkKind.${kind}`),
        }))}
      />
      <Select
        label={t("toc.editor.field.to")}
        name="to"
        defaultValue={second ?? options[1]?.value}
        options={options}
      />
      <LinkReasonFields assumptionHint />
      <Button type="submit">{t("toc.editor.addLink")}</Button>
    </form>
  );
});

/** Chooses the element to work on without the canvas (the keyboard's way of selecting). */
export const SelectElement = memo(function SelectElement({
  onCanvas,
  selectedNodes,
  dispatch,
}: OnCanvas & Dispatching & { selectedNodes: readonly string[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t("toc.editor.field.select")}</label>
      <select
        id={id}
        value={selectedNodes.length === 1 ? selectedNodes[0] : ""}
        onChange={(event) =>
          dispatch({ type: "select", nodes: event.target.value ? [event.target.value] : [], links: [] })
        }
      >
        <option value="">{t("toc.editor.field.selectNone")}</option>
        {elementOptions(onCanvas, locale).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
});

export const EditElementForm = memo(function EditElementForm({
  dispatch,
  element,
  cited,
}: Dispatching & { element: EditorElement; cited: boolean }) {
  const { t } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = form(event);
    dispatch({
      type: "editElement",
      key: element.key,
      changes: {
        title: localized(text(data, "title_en"), text(data, "title_fr"), element.title),
        level: (text(data, "level") || null) as EditorElement["level"],
        status: text(data, "status") as EditorElement["status"],
      },
    });
  };
  const isNew = element.key.startsWith("new:");
  return (
    <div className="toc-selected">
      <form
        onSubmit={submit}
        className="toc-form"
        aria-label={t("toc.editor.editElement", { code: element.code })}
        key={`${element.key}-${JSON.stringify(element)}`}
      >
        <TitleFields title={element.title} />
        <div className="toc-form-row">
          <Select
            label={t("toc.editor.field.level")}
            name="level"
            defaultValue={element.level ?? ""}
            options={levelOptions(t)}
          />
          <Select
            label={t("toc.editor.field.status")}
            name="status"
            defaultValue={element.status}
            options={elementStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
          />
        </div>
        <Button type="submit">{t("toc.editor.applyChanges")}</Button>
      </form>
      <div className="toc-actions">
        <Button
          type="button"
          variant="secondary"
          onClick={() => dispatch({ type: "removeNodes", keys: [element.key] })}
        >
          {t("toc.editor.removeFromCanvas")}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={cited && !isNew}
          aria-describedby={cited && !isNew ? `${element.key}-cited` : undefined}
          onClick={() => dispatch({ type: "deleteElements", keys: [element.key] })}
        >
          {t("toc.editor.deleteFromPlan")}
        </Button>
        {cited && !isNew && (
          <p className="meta" id={`${element.key}-cited`}>
            {t("toc.editor.citedKept")}
          </p>
        )}
      </div>
    </div>
  );
});

export const EditLinkForm = memo(function EditLinkForm({
  dispatch,
  link,
  from,
  to,
}: Dispatching & { link: EditorLink; from: string; to: string }) {
  const { t } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = form(event);
    dispatch({ type: "editLink", key: link.key, changes: readLinkReasons(data, link.rationale) });
  };
  const heading = t("toc.editor.selectedLink", {
    from,
    to,
    kind: t(`toc.editor.linkKind.${link.kind}`),
  });
  return (
    <div className="toc-selected">
      <h3>{heading}</h3>
      {isCausal(link.kind) && (
        <form
          onSubmit={submit}
          className="toc-form"
          aria-label={heading}
          key={`${link.key}-${JSON.stringify(link)}`}
        >
          <LinkReasonFields link={link} />
          <Button type="submit">{t("toc.editor.applyChanges")}</Button>
        </form>
      )}
      <div className="toc-actions">
        <Button
          type="button"
          variant="secondary"
          onClick={() => dispatch({ type: "deleteLinks", keys: [link.key] })}
        >
          {t("toc.editor.deleteLink")}
        </Button>
      </div>
    </div>
  );
});

/** The canvas's own title (the layout direction and the outline links are on the toolbar). */
export const SettingsForm = memo(function SettingsForm({
  settings,
  dispatch,
}: Dispatching & { settings: CanvasSettings }) {
  const { t } = useI18n();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const data = form(event);
    const description = text(data, "description_en");
    dispatch({
      type: "settings",
      changes: {
        title: localized(text(data, "title_en"), text(data, "title_fr"), settings.title),
        description: description
          ? localized(description, text(data, "description_fr"), settings.description)
          : null,
      },
    });
  };
  return (
    <form
      onSubmit={submit}
      className="toc-form"
      aria-label={t("toc.editor.settings")}
      key={JSON.stringify(settings)}
    >
      <TitleFields title={settings.title} />
      <TextArea
        label={t("toc.editor.field.descriptionEn")}
        name="description_en"
        defaultValue={settings.description?.en ?? ""}
      />
      <TextArea
        label={t("toc.editor.field.descriptionFr")}
        name="description_fr"
        defaultValue={settings.description?.fr ?? ""}
        lang="fr"
      />
      <Button type="submit">{t("toc.editor.applyChanges")}</Button>
    </form>
  );
});
