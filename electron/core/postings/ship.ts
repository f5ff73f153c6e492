import type { Transaction } from 'kysely';
import type { ShipmentPackage } from '../../../shared/domain/postings';
import { ApiFailure } from '../handler/failure';
import type { Database } from '../db/schema';
import { subjectOf } from '../outbox/actions';
import { enqueue } from '../outbox/outbox.repo';
import { findPosting, setLocalState } from './postings.repo';

export interface ShipRequest {
  postingNumber: string;
  packages: ShipmentPackage[];
  /**
   * Stable for one local intent: the same key queued twice is one action (a repeated
   * "complete" scan, a double click).
   */
  idempotencyKey: string;
  userId: number;
  now: number;
}

/**
 * Queues the ship action of a posting waiting to be packed and marks it `shipping`. Call it
 * inside the transaction of the local change; the posting is checked again there, so two quick
 * completes of one posting queue one ship. Returns the posting's account.
 */
export async function queueShip(trx: Transaction<Database>, request: ShipRequest): Promise<number> {
  const posting = await findPosting(trx, request.postingNumber);
  if (posting?.status !== 'to_pack' || posting.local_state !== 'none') {
    throw new ApiFailure(
      'invalid_state',
      `Posting ${request.postingNumber} is not waiting to be packed`,
    );
  }
  await setLocalState(trx, posting.account_id, posting.posting_number, 'shipping');
  const payload = { postingNumber: posting.posting_number, packages: request.packages };
  await enqueue(
    trx,
    {
      accountId: posting.account_id,
      idempotencyKey: request.idempotencyKey,
      action: 'ship',
      subject: subjectOf('ship', payload),
      payload,
      createdBy: request.userId,
    },
    request.now,
  );
  return posting.account_id;
}
