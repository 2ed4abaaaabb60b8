import type { Input } from '../../preload/api';

/**
 * How one view asks the workspace to open the review queue with a filter (an alert's mining run, a slice). Kept
 * apart from views.tsx so the screens that ask do not import the list of screens.
 */

/** A filter of the review queue, as its filter bar sets it (status, assignee, mining run, slice, ...). */
export type QueueFilter = NonNullable<Input<'cases:page'>['filter']>;

/** A request to open the review queue with a filter; `seq` tells two requests for the same filter apart. */
export interface QueueOpening {
  filter: QueueFilter;
  seq: number;
}
