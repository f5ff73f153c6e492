// TEMPORARY: replaced by the packing counter's handlers (packing, pick lists, dispatch, stats, scanners).
import type { MethodName } from '../../../shared/contract/methods';
import type { HandlerMap } from '../api/context';
import { ApiFailure } from '../api/failure';

type CounterMethods = Extract<
  MethodName,
  | `packing.${string}`
  | `picking.${string}`
  | `dispatch.${string}`
  | `stats.${string}`
  | `scanners.${string}`
>;

const notYet = () => Promise.reject(new ApiFailure('invalid_state', 'Not built yet'));

export const counterHandlers: HandlerMap<CounterMethods> = {
  'packing.current': notYet,
  'packing.scan': notYet,
  'packing.command': notYet,
  'picking.create': notYet,
  'picking.list': notYet,
  'picking.get': notYet,
  'dispatch.carriers': notYet,
  'dispatch.open': notYet,
  'dispatch.list': notYet,
  'dispatch.scan': notYet,
  'dispatch.close': notYet,
  'stats.counter': notYet,
  'scanners.ports': notYet,
  'scanners.serial': notYet,
  'scanners.saveSerial': notYet,
  'scanners.take': notYet,
};
