export function Card({
  as: Element = "section",
  className,
  children,
  ...rest
}: { as?: "section" | "article" | "li" | "div"; className?: string; children: React.ReactNode } & Omit<
  React.HTMLAttributes<HTMLElement>,
  "className" | "children"
>) {
  return (
    <Element className={className ? `card ${className}` : "card"} {...rest}>
      {children}
    </Element>
  );
}
