// The `correlations:` block: rank (Spearman) correlations between uncertain inputs, each
// named by its path as `simulate` lists it (mechanisms[F-4].crowdIn.value) or a gate by its
// id (F-4/fund-2). simulate applies them by Iman-Conover reordering; run ignores them.
import * as z from 'zod';
import { obj, once, parts } from '../kit/figures.js';

/** The `correlations:` schema (built on first use). */
export const correlations = once(() => {
  const { note, source } = parts();
  return z
    .array(
      obj({
        between: z
          .tuple([z.string().min(1), z.string().min(1)])
          .meta({ description: 'Two inputs by path (as simulate lists them) or gates by id (F-4/fund-2)' }),
        rank: z.number().min(-1).max(1).meta({
          description:
            'Spearman rank correlation in [-1, 1]; for a gate, positive means it holds more often when the other input is high',
        }),
        source: source.optional(),
        note: note.optional(),
      }),
    )
    .meta({
      description:
        'Rank correlations between uncertain inputs, applied by simulate (Iman-Conover); unlisted pairs are independent',
    });
});
