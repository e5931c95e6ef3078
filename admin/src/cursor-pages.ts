import { useCallback, useEffect, useState } from "react";
import { attempt } from "./api";

interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * A list read a page at a time by cursor (the API's `after` + `first`): the first page whenever
 * `fetchPage` changes (new filters), then `more()` appends the next one.
 */
export function useCursorPages<T>(fetchPage: (after?: string) => Promise<Connection<T>>, onSessionEnded: () => void) {
  const [nodes, setNodes] = useState<T[]>();
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (after?: string) => {
      const result = await attempt(() => fetchPage(after), onSessionEnded);
      if (!result.ok) return setError(result.message);
      setError(undefined);
      const connection = result.value;
      setNodes((previous) => (after ? [...(previous ?? []), ...connection.nodes] : connection.nodes));
      setTotal(connection.totalCount);
      setNext(connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null);
    },
    [fetchPage, onSessionEnded],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return { nodes, total, error, hasMore: next !== null, more: () => (next ? load(next) : Promise.resolve()), reload: () => load() };
}
