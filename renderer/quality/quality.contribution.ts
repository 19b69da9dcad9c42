/** Data quality's contribution to the app: "Expectations…" on every live table result. */
import { registerResultAction } from '../outputs/resultActionRegistry';
import { SuggestExpectationsDialog } from './SuggestExpectationsDialog';

registerResultAction({
  id: 'expectations',
  label: 'Expectations…',
  title: 'Suggest data-quality rules that hold on this result, as an EXPECT ON cell',
  order: 35,
  rank: 30,
  Dialog: SuggestExpectationsDialog,
});
