import { ErrorNotice } from '../shared/ErrorNotice';
import { isPagesUnavailable } from './page-copy';

/** What stands in the page pane when the page copy cannot be loaded: a note where that is expected, else the error. */
export function PageUnavailable({ error }: { error: unknown }) {
  if (isPagesUnavailable(error)) {
    return (
      <p className="panel muted" data-testid="pages-unavailable">
        This scan was read before page images were kept, so its page cannot be shown here. Re-parse it from the job list to see the page with the
        lines outlined; the lines below are unaffected.
      </p>
    );
  }
  return <ErrorNotice error={error} context="The page could not be shown" />;
}
