import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, setUpShop } from '../support/core-fixture';
import { startTestStation, type TestStation } from '../support/station-host';

/** Guessing passwords and PINs over the station's HTTP API, all from one address (127.0.0.1). */

let host: TestStation;

interface Answer {
  status: number;
  retryAfter: number | null;
  body: any;
}

async function post(path: string, body: unknown, token?: string): Promise<Answer> {
  const answer = await host.post(`/api/${path}`, body, token);
  const retryAfter = answer.headers.get('retry-after');
  return {
    status: answer.status,
    retryAfter: retryAfter === null ? null : Number(retryAfter),
    body: answer.body,
  };
}

/** Creates a user with a password (`<username> password`) and optionally a PIN. */
async function addUser(admin: string, username: string, role: string, pin?: string) {
  const created = await post(
    'users/create',
    { username, displayName: username, role, password: `${username} password`, pin },
    admin,
  );
  expect(created.status).toBe(200);
}

async function login(username: string, password = `${username} password`) {
  return post('auth/login', { username, password });
}

async function tokenOf(username: string): Promise<string> {
  const answer = await login(username);
  expect(answer.status).toBe(200);
  return answer.body.data.token as string;
}

/**
 * 29 wrong guesses at once, then the right one while they are all still in flight: it is sent
 * as soon as the first answer comes back, so the server has taken every wrong guess in before
 * the right one arrives, and none of the wrong ones has been counted before it under the old code.
 */
async function guessInParallel(
  send: (guess: string) => Promise<Answer>,
  wrong: string[],
  right: string,
) {
  let firstAnswer!: () => void;
  const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
  const wrongAnswers = wrong.map((guess) => send(guess).finally(firstAnswer));
  await answered;
  const rightAnswer = send(right);
  return { wrong: await Promise.all(wrongAnswers), right: await rightAnswer };
}

function statuses(answers: Answer[]) {
  const count: Record<number, number> = {};
  for (const { status } of answers) count[status] = (count[status] ?? 0) + 1;
  return count;
}

beforeEach(async () => {
  host = await startTestStation();
});
afterEach(() => host.dispose());

/** Time enough for 30 scrypt hashes on a busy machine (every guess verified). */
const THIRTY_HASHES_MS = 240_000;

const wrongGuesses = (length: number, format: (i: number) => string) =>
  Array.from({ length }, (_, i) => format(i));

describe('a lockout holds against 30 parallel guesses', () => {
  it(
    'verifies at most 5 of 30 parallel password guesses and refuses the right one sent last',
    async () => {
      await setUpShop(host.fx);
      const { wrong, right } = await guessInParallel(
        (password) => login('admin', password),
        wrongGuesses(29, (i) => `wrong password ${i}`),
        ADMIN.password,
      );
      // A 401 is a guess that was verified and found wrong; a 429 was refused unverified.
      expect({ wrong: statuses(wrong), right: right.status }).toEqual({
        wrong: { 401: 5, 429: 24 },
        right: 429,
      });
      expect(right.retryAfter).toBeGreaterThan(0);
    },
    THIRTY_HASHES_MS,
  );

  it(
    'a Staff session cannot take over a Manager by 30 parallel PIN switches',
    async () => {
      const admin = await setUpShop(host.fx);
      await addUser(admin, 'mia', 'manager', '7391');
      await addUser(admin, 'sam', 'staff');
      const sam = await tokenOf('sam');
      const { wrong, right } = await guessInParallel(
        (pin) => post('auth/switchOperator', { username: 'mia', pin }, sam),
        wrongGuesses(29, (i) => String(1000 + i)),
        '7391',
      );
      expect({ wrong: statuses(wrong), right: right.status }).toEqual({
        wrong: { 401: 5, 429: 24 },
        right: 429,
      });
      expect(right.body.error.code).toBe('rate_limited');
      // The Staff session was not ended by a hand-over.
      expect((await post('auth/me', {}, sam)).body.data.user.username).toBe('sam');
      // The lock is Mia's for 15 minutes, then her PIN works again.
      host.fx.clock.now += 15 * 60 * 1000;
      const later = await post('auth/switchOperator', { username: 'mia', pin: '7391' }, sam);
      expect(later.status).toBe(200);
      expect(later.body.data.user.username).toBe('mia');
    },
    THIRTY_HASHES_MS,
  );
});

describe('one address guessing does not lock out the others who share it', () => {
  it(
    'after 30 failed logins from 127.0.0.1 a colleague there signs in within a minute; the guessed user stays locked',
    async () => {
      const admin = await setUpShop(host.fx);
      await addUser(admin, 'sam', 'staff');
      // The guesser tries 25 made-up names, then the Administrator 5 times, waiting out each 429.
      const targets = [...wrongGuesses(25, (i) => `guess${i}`), ...wrongGuesses(5, () => 'admin')];
      let failures = 0;
      for (const username of targets) {
        let answer = await login(username, 'not the password');
        while (answer.status === 429) {
          host.fx.clock.now += (answer.retryAfter ?? 0) * 1000;
          answer = await login(username, 'not the password');
        }
        expect(answer.status).toBe(401);
        failures += 1;
      }
      expect(failures).toBe(30);

      const lastFailureAt = host.fx.clock.now;
      const colleague = await login('sam');
      if (colleague.status === 429) {
        expect(colleague.retryAfter).toBeLessThanOrEqual(60);
        host.fx.clock.now += (colleague.retryAfter ?? 0) * 1000;
      }
      expect((await login('sam')).status).toBe(200);

      // The Administrator stays locked for 15 minutes from the 5th wrong password.
      const locked = await login('admin', ADMIN.password);
      expect(locked.status).toBe(429);
      expect(locked.body.error.code).toBe('rate_limited');
      expect(locked.retryAfter).toBe(15 * 60 - (host.fx.clock.now - lastFailureAt) / 1000);
    },
    THIRTY_HASHES_MS,
  );
});

describe('the operator switch offers only the counter’s people, and never to a Courier', () => {
  it(
    'lists Managers and Staff with a PIN to counter roles, refuses Couriers, and hands no Administrator over by PIN',
    async () => {
      const admin = await setUpShop(host.fx);
      expect(
        (await post('auth/setPin', { currentPassword: ADMIN.password, pin: '2468' }, admin)).status,
      ).toBe(200);
      await addUser(admin, 'mia', 'manager', '1357');
      await addUser(admin, 'sam', 'staff', '4321');
      await addUser(admin, 'nora', 'staff');
      await addUser(admin, 'cole', 'courier', '9753');
      await addUser(admin, 'dan', 'staff', '8642');
      const dan = (await post('users/list', {}, admin)).body.data.find(
        (user: { username: string }) => user.username === 'dan',
      );
      await post('users/update', { userId: dan.id, isDisabled: true }, admin);

      const counterPeople = [
        { username: 'mia', displayName: 'mia' },
        { username: 'sam', displayName: 'sam' },
      ];
      for (const username of ['sam', 'mia']) {
        const listed = await post('auth/operators', {}, await tokenOf(username));
        expect({ username, status: listed.status, data: listed.body.data }).toEqual({
          username,
          status: 200,
          data: counterPeople,
        });
      }
      expect((await post('auth/operators', {}, admin)).body.data).toEqual(counterPeople);

      const cole = await tokenOf('cole');
      const courierList = await post('auth/operators', {}, cole);
      expect({ status: courierList.status, code: courierList.body.error?.code }).toEqual({
        status: 403,
        code: 'forbidden',
      });
      const courierSwitch = await post(
        'auth/switchOperator',
        { username: 'sam', pin: '4321' },
        cole,
      );
      expect(courierSwitch.status).toBe(403);

      // Knowing the Administrator's name and PIN is not enough to become Administrator by PIN.
      const sam = await tokenOf('sam');
      const toAdmin = await post('auth/switchOperator', { username: 'admin', pin: '2468' }, sam);
      expect({ status: toAdmin.status, code: toAdmin.body.error?.code }).toEqual({
        status: 401,
        code: 'invalid_credentials',
      });
      expect((await post('auth/me', {}, sam)).body.data.user.username).toBe('sam');
      expect(
        (await post('auth/switchOperator', { username: 'mia', pin: '1357' }, sam)).status,
      ).toBe(200);
    },
    THIRTY_HASHES_MS,
  );
});
