import { useState } from "react";

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * A list paged back and forth by cursor (keyset paging, so page 2,000 costs what page 1 does):
 * the cursors of the pages before this one, so Previous can go back without offsets. `after` is
 * the cursor the current page is read from, null for the first page.
 */
export function usePageCursors() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    pageNumber: cursors.length,
    /** Back to the first page (new search or filters). */
    first: () => setCursors([null]),
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (endCursor: string) => setCursors((c) => [...c, endCursor]),
  };
}

type PageCursors = ReturnType<typeof usePageCursors>;

/** Previous page and Next page of a list paged with usePageCursors; `pageInfo` is the current page's. */
export function Pager({ label, pages, pageInfo, busy }: { label: string; pages: PageCursors; pageInfo: PageInfo | undefined; busy?: boolean }) {
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" disabled={pages.pageNumber <= 1 || busy} onClick={pages.previous}>
        Previous page
      </button>
      <button type="button" disabled={!pageInfo?.hasNextPage || busy} onClick={() => pageInfo?.endCursor && pages.next(pageInfo.endCursor)}>
        Next page
      </button>
    </nav>
  );
}
