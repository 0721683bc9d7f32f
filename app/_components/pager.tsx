import Link from "next/link";

/** "Page x of y" with previous/next links; a link is left out where there is no page to go to. */
export function Pager(props: {
  label: string;
  status: string;
  previous: { label: string; href: string | null };
  next: { label: string; href: string | null };
}) {
  return (
    <nav className="pager" aria-label={props.label} data-testid="pager">
      {props.previous.href ? (
        <Link href={props.previous.href} rel="prev">
          ← {props.previous.label}
        </Link>
      ) : (
        <span className="muted" aria-disabled="true">← {props.previous.label}</span>
      )}
      <span aria-current="page">{props.status}</span>
      {props.next.href ? (
        <Link href={props.next.href} rel="next">
          {props.next.label} →
        </Link>
      ) : (
        <span className="muted" aria-disabled="true">{props.next.label} →</span>
      )}
    </nav>
  );
}
