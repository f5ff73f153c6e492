/** Something the marketplace will do by itself at a sandbox time (carrier scan, buyer cancel…). */
export interface ScheduledEvent {
  at: number;
  seq: number;
  kind: EventKind;
  posting: number;
}

export type EventKind =
  | 'approve'
  | 'ship_apply'
  | 'handover'
  | 'deliver'
  | 'buyer_cancel'
  | 'rfbs_delivering'
  | 'rfbs_delivered';

/** A binary min-heap on (at, seq): events due at the same instant run in the order they were made. */
export class Schedule {
  private heap: ScheduledEvent[] = [];
  private seq = 0;

  add(at: number, kind: EventKind, posting: number): void {
    this.heap.push({ at, seq: this.seq++, kind, posting });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The earliest event due at or before `now`, removed; undefined when none is due. */
  takeDue(now: number): ScheduledEvent | undefined {
    const top = this.heap[0];
    if (!top || top.at > now) return undefined;
    const last = this.heap.pop() as ScheduledEvent;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.heap.length && this.less(left, smallest)) smallest = left;
        if (right < this.heap.length && this.less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as ScheduledEvent;
    const y = this.heap[b] as ScheduledEvent;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    [this.heap[a], this.heap[b]] = [this.heap[b] as ScheduledEvent, this.heap[a] as ScheduledEvent];
  }
}
