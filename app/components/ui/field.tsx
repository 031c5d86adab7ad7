import { useId } from "react";

/** A field's error: one message, or several (each on its own line) when more than one thing is wrong with it. */
type FieldText = { label: string; hint?: string; error?: string | readonly string[] };

/** What a control needs to be named by its label and described by its hint and error. */
type ControlWiring = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** A label, hint and error around one control, wired for assistive technology. */
function Labelled({
  label,
  hint,
  error,
  control,
}: FieldText & { control: (wiring: ControlWiring) => React.ReactNode }) {
  const id = useId();
  if (typeof error === "object" && !error.length) error = undefined;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": described })}
      {typeof error === "string" && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {typeof error === "object" && (
        <div id={`${id}-error`} role="alert">
          {error.map((text) => (
            <p key={text} className="field-error">
              {text}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}

/** A labelled input with its hint and error, wired for assistive technology. */
export function Field({
  label,
  hint,
  error,
  ...input
}: FieldText & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => <input {...wiring} {...input} />}
    />
  );
}

/** A labelled text area (three rows unless told), with its hint and error. */
export function TextArea({
  label,
  hint,
  error,
  ...textarea
}: FieldText & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => <textarea {...wiring} rows={3} {...textarea} />}
    />
  );
}

/** A labelled select of the given options, with its hint and error. */
export function Select({
  label,
  hint,
  error,
  options,
  ...select
}: FieldText & {
  options: { value: string; label: string }[];
} & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Labelled
      label={label}
      hint={hint}
      error={error}
      control={(wiring) => (
        <select {...wiring} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}
