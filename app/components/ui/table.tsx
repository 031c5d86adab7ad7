/** A data table that scrolls sideways on narrow screens instead of breaking the page. */
export function Table({ caption, children }: { caption: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
