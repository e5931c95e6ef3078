import { useCallback, useEffect, useState } from "react";
import { attempt } from "./api";

/**
 * What a page shows, read when it opens, again whenever `read` changes (a useCallback over the
 * page's inputs, as for useCursorPages), and on `reload()` (after a change, say). Until the first
 * answer the value is undefined. A failure's message goes to `onError`, the page's error message,
 * which its changes report to as well; an ended session goes to `onSessionEnded`. Both must be
 * stable (a state setter, the console's callback), or every render would read again.
 */
export function useLoaded<T>(read: () => Promise<T>, onSessionEnded: () => void, onError: (message: string) => void) {
  const [value, setValue] = useState<T>();

  const reload = useCallback(async () => {
    const result = await attempt(read, onSessionEnded);
    if (result.ok) setValue(() => result.value);
    else onError(result.message);
  }, [read, onSessionEnded, onError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // `set`: a change whose answer is the new value (a saved form, say) shows it without reading it again.
  return { value, reload, set: setValue };
}
