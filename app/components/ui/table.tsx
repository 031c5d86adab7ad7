import { useId } from "react";

/**
 * The box a wide table scrolls sideways in, on narrow screens, instead of breaking the page. It is a named region
 * that takes the keyboard focus, so a keyboard user can scroll it with the arrow keys and a screen reader names it
 * (axe's `scrollable-region-focusable`). Name it by the table's caption (`labelledBy`) or with `label`.
 */
export function TableScroll({
  label,
  labelledBy,
  children,
}: { children: React.ReactNode } & (
  | { label: string; labelledBy?: never }
  | { labelledBy: string; label?: never }
)) {
  return (
    // A named <section> is a region; it scrolls by keyboard only if it takes the focus.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: see above
    <section className="table-wrap" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </section>
  );
}

/** A data table with its caption, in a `TableScroll` named by that caption. */
export function Table({ caption, children }: { caption: React.ReactNode; children: React.ReactNode }) {
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId}>
      <table>
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </TableScroll>
  );
}
