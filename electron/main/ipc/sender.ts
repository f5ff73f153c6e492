import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { AppOrigin } from '../security/origin';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>) => boolean;

/**
 * Only the main frame of one of our windows, showing our own page, may call the core. A subframe
 * or a page the window was somehow navigated to gets nothing (CVE-2022-29247 is the class of bug
 * this prevents).
 */
export function createSenderCheck(deps: {
  origin: AppOrigin;
  isOwnWebContents(contents: WebContents): boolean;
}): SenderCheck {
  return ({ sender, senderFrame }) =>
    senderFrame !== null &&
    senderFrame.parent === null &&
    deps.isOwnWebContents(sender) &&
    deps.origin.isAppUrl(senderFrame.url);
}
