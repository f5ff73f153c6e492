import { ApiError, GRPC, badRequest, notFound } from '../errors';
import { type JsonObject, idText, int64, optionalArray } from '../json';
import { labelPdf } from '../pdf';
import { type LabelTask, type SandboxState, TIMING } from '../state';
import type { RouteContext, RouteTable } from './route';

/** Ozon gives no maximum for the new create call; the sandbox's choice. */
const MAX_TASK_POSTINGS = 100;

function postingNumbers(body: JsonObject, key: string, max: number): string[] {
  const numbers = optionalArray(body, key).map(String);
  if (numbers.length === 0) throw badRequest(`${key} is required`);
  if (numbers.length > max)
    throw badRequest(`${key}: value must contain no more than ${max} item(s)`);
  return numbers;
}

/** Legacy synchronous labels: raw PDF bytes, or one error for the whole batch. */
function packageLabel(body: JsonObject, { state }: RouteContext) {
  const numbers = postingNumbers(body, 'posting_number', 20);
  const now = state.tick();
  for (const number of numbers) {
    const problem = state.labelProblem(number, now);
    if (problem === 'POSTING_NOT_FOUND') throw notFound(problem);
    if (problem) throw new ApiError(400, GRPC.failedPrecondition, problem);
  }
  return { pdf: labelPdf(numbers) };
}

function createTask(body: JsonObject, { state }: RouteContext) {
  const task = state.createLabelTask(postingNumbers(body, 'posting_numbers', MAX_TASK_POSTINGS));
  return { json: { tasks: [{ task_id: int64(task.id), task_type: 'big_label' }] } };
}

/** Which of a task's postings made it onto the file; decided when the task completes. */
export function taskOutcome(state: SandboxState, task: LabelTask) {
  const at = task.createdAt + TIMING.labelTaskMs;
  const printed: string[] = [];
  const unprinted: { posting_number: string; message: string }[] = [];
  for (const number of task.postings) {
    const problem = state.labelProblem(number, at);
    if (problem) unprinted.push({ posting_number: number, message: problem });
    else printed.push(number);
  }
  return { printed, unprinted };
}

function getTask(body: JsonObject, { state, baseUrl }: RouteContext) {
  const id = Number(idText(body.task_id, 'task_id'));
  const task = state.labelTasks.get(id);
  if (!task) throw notFound('TASK_NOT_FOUND');
  const now = state.tick();
  if (now < task.createdAt + TIMING.labelTaskMs) {
    return {
      json: {
        status: {
          code: now < task.createdAt + TIMING.labelTaskMs / 2 ? 'pending' : 'in_progress',
          postings_count: task.postings.length,
          printed_postings_count: 0,
          unprinted_postings: [],
        },
        file_url: '',
      },
    };
  }
  const { printed, unprinted } = taskOutcome(state, task);
  const status = {
    code: printed.length > 0 ? 'completed' : 'error',
    postings_count: task.postings.length,
    printed_postings_count: printed.length,
    unprinted_postings: unprinted,
  };
  if (printed.length === 0) {
    return {
      json: {
        status,
        file_url: '',
        error: { code: 'NO_POSTINGS_FOR_PRINT', message: 'None of the postings can be printed' },
      },
    };
  }
  return { json: { status, file_url: `${baseUrl}/_sandbox/labels/${task.id}.pdf` } };
}

export const labelRoutes: RouteTable = {
  '/v2/posting/fbs/package-label': { handle: packageLabel },
  '/v3/posting/fbs/package-label/create': { handle: createTask },
  '/v2/posting/fbs/package-label/get': { handle: getTask },
};
